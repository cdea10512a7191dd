"""``flask staff …``: make the first admin account from the command line."""
from __future__ import annotations

import sys

import click
import sqlalchemy as sa
from flask.cli import AppGroup

from tracker.extensions import db
from tracker.staff import audit, passwords
from tracker.staff.models import ADMIN, StaffUser

staff_cli = AppGroup("staff", help="Staff accounts.")


@staff_cli.command("create-admin")
@click.argument("email")
@click.option("--name", default="", help="The person's name (default: the part of EMAIL before the @).")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input instead of a prompt.")
def create_admin_command(email: str, name: str, password_stdin: bool) -> None:
    """Create an admin account for EMAIL (the first account; admins invite the others)."""
    email = email.strip().lower()
    if "@" not in email or "." not in email.partition("@")[2]:
        raise click.BadParameter(f"{email!r} is not an e-mail address", param_hint="EMAIL")
    if db.session.scalar(sa.select(StaffUser).where(StaffUser.email == email)) is not None:
        raise click.ClickException(f"an account for {email} already exists")
    name = name.strip() or email.partition("@")[0]
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    problem = passwords.problem(password, email, name)
    if problem:
        raise click.ClickException(f"password refused: {problem}")
    user = StaffUser(name=name, email=email, role=ADMIN, password_hash=passwords.hash_password(password))
    db.session.add(user)
    db.session.flush()
    audit.record(None, "account.create_admin", user, None, {"name": name, "email": email, "role": ADMIN})
    db.session.commit()
    click.echo(f"Created admin account {email}. Log in at /staff/login.")
