"""The web app's routes, one module per page: each answers HTML or JSON from the same data."""
