"""Extensions created unbound here and bound to the app in create_app()."""
from flask import current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase

from tracker.replica import ReplicaSession


class Base(DeclarativeBase):
    pass


# Reads of read-only requests go to DATABASE_REPLICA_URL when it is set (tracker/replica.py).
db = SQLAlchemy(model_class=Base, session_options={"class_": ReplicaSession})
migrate = Migrate()
# Every POST on the site must carry a form's CSRF token (tracker/protection.py).
csrf = CSRFProtect()


def _posts_allowed() -> str:
    return str(current_app.config["RATELIMIT_POSTS"])


def _not_a_post() -> bool:
    return request.method not in ("POST", "PUT", "PATCH", "DELETE")


# Limits per client address; behind a proxy the address is the client's own once
# ProxyFix has read X-Forwarded-For (TRUSTED_PROXIES). Every POST of the site shares one
# budget (RATELIMIT_POSTS); searches have their own (tracker/protection.py). Limits are
# read from the config at each request, so each app (and test) has its own.
limiter = Limiter(key_func=get_remote_address, application_limits=[_posts_allowed],
                  application_limits_exempt_when=_not_a_post)
