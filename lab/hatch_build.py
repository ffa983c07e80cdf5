"""Hatchling build hook (pyproject.toml): before the wheel is assembled, checks that the labextension is built
and (re)writes the kernelspec into lab/share/jupyter/kernels/tracelab with `tracelab kernel install`, so the
wheel's share/jupyter/kernels/tracelab points at this checkout's kernel.

Scope: preparing the shared data; the file mapping is in pyproject.toml.
"""
import glob
import os
import shutil
import subprocess

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class TracelabBuildHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version, build_data):
        if self.target_name != "wheel":
            return
        root = self.root
        if not glob.glob(os.path.join(root, "labextension", "static", "remoteEntry.*.js")):
            raise RuntimeError("tracelab: no built labextension in labextension/ (run: npm run build:labextension)")
        cli = os.path.join(root, "bin", "tracelab.js")
        kernel = os.path.join(root, "dist", "kernel-bridge", "kernel.js")
        if not os.path.isfile(kernel):
            raise RuntimeError("tracelab: no compiled kernel in dist/ (run: npm run build)")
        node = shutil.which("node")
        if node is None:
            raise RuntimeError("tracelab: node is needed to write the kernelspec")
        prefix = os.path.join(root, "lab")
        subprocess.run([node, cli, "kernel", "install", "--prefix", prefix], check=True, stdout=subprocess.DEVNULL)
