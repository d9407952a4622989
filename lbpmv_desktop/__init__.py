"""Le Bon Pour Ma Ville — desktop companion for town-centre shop owners."""

__version__ = "0.1.0"
APP_NAME = "lbpmv"
