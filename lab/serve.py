#!/usr/bin/python3
"""tracelab's JupyterLab server: the npm-built frontend in build/ served by Debian's jupyter_server 1.23 and
jupyterlab_server 2.16 (machine.md section 3), with the tracelab kernel and the prebuilt extension found through
JUPYTER_PATH (share/jupyter beside this file: kernels/tracelab, labextensions/tracelab).

Usage: /usr/bin/python3 lab/serve.py [jupyter_server options, e.g. --ServerApp.port=8888 --ServerApp.root_dir=DIR]

Environment:
  TRACELAB_LAB_BUILD   the frontend build folder (default: build/ beside this file)
  TRACELAB_LAB_STATE   user settings and workspaces folder (default: <jupyter config dir>/lab)

Scope: server configuration only (the frontend is webpack.config.js + src/).
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARE = os.path.join(HERE, "share", "jupyter")
os.environ["JUPYTER_PATH"] = os.pathsep.join(
    p for p in [SHARE, os.environ.get("JUPYTER_PATH", "")] if p
)
os.environ.setdefault("JUPYTER_NO_CONFIG", "1")

from jupyter_core.paths import jupyter_config_dir  # noqa: E402
from jupyter_server.base.handlers import APIHandler  # noqa: E402
from jupyterlab_server import LabServerApp  # noqa: E402
from tornado import web, websocket  # noqa: E402

BUILD = os.path.abspath(os.environ.get("TRACELAB_LAB_BUILD", os.path.join(HERE, "build")))
STATE = os.path.abspath(os.environ.get("TRACELAB_LAB_STATE", os.path.join(jupyter_config_dir(), "lab")))


def _lab_version():
    try:
        with open(os.path.join(BUILD, "app.json"), encoding="utf-8") as f:
            return json.load(f)["version"]
    except (OSError, ValueError, KeyError):
        return "unknown"


class IdentityHandler(APIHandler):
    """`/api/me` (jupyter_server 2 API that Lab 4 asks for; 1.23 lacks it): the anonymous local user."""

    @web.authenticated
    def get(self):
        user = {
            "username": "tracelab",
            "name": "tracelab",
            "display_name": "tracelab",
            "initials": "T",
            "avatar_url": None,
            "color": None,
        }
        self.finish(json.dumps({"identity": user, "permissions": {}}))


class EventsSocket(websocket.WebSocketHandler):
    """`/api/events/subscribe` (jupyter_server 2 event bus): accepted and kept open, never sends."""

    def check_origin(self, origin):
        return True

    def on_message(self, message):
        pass


def _jupyter_server_extension_points():
    return [{"module": __name__, "app": TraceLabApp}]


class TraceLabApp(LabServerApp):
    """The Lab page and its REST handlers (settings, themes, workspaces) over the npm-built frontend."""

    name = "tracelab_lab"
    extension_url = "/lab"
    default_url = "/lab"
    load_other_extensions = False
    app_name = "JupyterLab"
    app_url = "/lab"
    app_version = _lab_version()
    app_settings_dir = os.path.join(BUILD, "app_settings")
    schemas_dir = os.path.join(BUILD, "schemas")
    static_dir = os.path.join(BUILD, "static")
    templates_dir = os.path.join(HERE, "templates")
    themes_dir = os.path.join(BUILD, "themes")
    user_settings_dir = os.path.join(STATE, "user-settings")
    workspaces_dir = os.path.join(STATE, "workspaces")

    def initialize_handlers(self):
        super().initialize_handlers()
        self.handlers.append((r"/api/me", IdentityHandler))
        self.handlers.append((r"/api/events/subscribe", EventsSocket))


DEFAULTS = [
    "--MappingKernelManager.default_kernel_name=tracelab",
    "--KernelSpecManager.ensure_native_kernel=False",
]


def main(argv):
    if not os.path.isfile(os.path.join(BUILD, "static", "bundle.js")):
        sys.exit(f"serve.py: no JupyterLab build in {BUILD} (run: npm --prefix lab run build)")
    given = {a.split("=", 1)[0] for a in argv}
    args = [d for d in DEFAULTS if d.split("=", 1)[0] not in given] + argv
    TraceLabApp.launch_instance(args)


if __name__ == "__main__":
    main(sys.argv[1:])
