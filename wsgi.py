"""WSGI entry point (``gunicorn wsgi:app``) and the app ``flask --app wsgi`` runs."""
from ingest.cli import register_commands
from tracker import create_app

app = create_app()
# The ingest commands live outside tracker/ (tracker never imports ingest), so they are
# attached here, where both meet.
register_commands(app)
