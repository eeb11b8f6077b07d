"""The story bank's storage: story records and files, the database and its migrations.

`records`, `storyfile` and `errors` need no database library; `db`, `models` and `stories` use
SQLAlchemy. Import the submodule you need (the CLI imports them inside its commands, so that starting
`starcoach` stays fast).
"""
