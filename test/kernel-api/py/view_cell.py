#!/usr/bin/python3
"""Runs `const t = await tracelab.open(TRACE); t.controlFlow()` in a tracelab kernel through jupyter_client
(Debian's python3-jupyter-client; JUPYTER_PATH must hold the `tracelab` kernelspec), then opens a comm on the
`tracelab` target with a `timegraph.fetch` for the view's handle and waits for the reply.

Prints one JSON object: the cell's wall time (request to reply) and the kernel's CPU time over it (the kernel
process and its evaluation child, from /proc), the execute_result's MIME keys and sizes, the payload's comm ref
and first rows (rows as objects or compact columns), the comm reply, and the display messages seen (progress)."""

import json
import os
import sys
import time
import uuid

from jupyter_client.manager import KernelManager

TIMEOUT = 120
MIME = "application/vnd.tracelab.timegraph.v1+json"


def cpu_seconds(pid):
    """User + system CPU seconds of `pid` and its descendants (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


def run_cell(kc, code, pid=None):
    outs = []
    c0 = cpu_seconds(pid) if pid else 0.0
    t0 = time.time()
    reply = kc.execute_interactive(code, timeout=TIMEOUT, output_hook=outs.append)
    wall = time.time() - t0
    cpu = cpu_seconds(pid) - c0 if pid else 0.0
    return reply["content"], outs, wall, cpu


def row_list(payload):
    """Rows as objects: as sent, or decoded from compact columns (src/protocol/row-columns.ts)."""
    rows = payload.get("rows", [])
    if isinstance(rows, list):
        return rows
    texts = rows["texts"]

    def text(col, i):
        num = col["num"][i]
        post = texts[col["post"][i]] if "post" in col else ""
        return texts[col["pre"][i]] + (str(num) if num >= 0 else "") + post

    tids = rows.get("tid") or [None] * len(rows["parent"])
    return [{"id": text(rows["id"], i), "tid": tids[i]} for i in range(len(tids))]


def comm_fetch(kc, payload, tid_row):
    comm_id = uuid.uuid4().hex
    start = int(payload["range"]["start"])
    request = {
        "type": "timegraph.fetch",
        "requestId": 1,
        "handle": payload["comm"]["handle"],
        "range": {"start": str(start), "end": str(start + 20000)},
        "resolution": "1",
        "rows": [tid_row],
        "maxIntervals": 1000,
    }
    content = {"comm_id": comm_id, "target_name": "tracelab", "data": request}
    kc.shell_channel.send(kc.session.msg("comm_open", content))
    deadline = time.time() + TIMEOUT
    while time.time() < deadline:
        msg = kc.get_iopub_msg(timeout=TIMEOUT)
        if msg["msg_type"] == "comm_msg" and msg["content"].get("comm_id") == comm_id:
            return msg["content"]["data"]
        if msg["msg_type"] == "comm_close" and msg["content"].get("comm_id") == comm_id:
            return {"closed": True}
    return None


def main():
    trace = sys.argv[1]
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    km = KernelManager(kernel_name="tracelab")
    t0 = time.time()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=TIMEOUT)
    startup = time.time() - t0
    try:
        walls = []
        cpus = []
        pid = km.provisioner.process.pid
        for i in range(repeat):
            code = f"const t{i} = await tracelab.open({json.dumps(trace)});\nt{i}.controlFlow()"
            content, outs, wall, cpu = run_cell(kc, code, pid)
            walls.append(wall)
            cpus.append(cpu)
            if content["status"] != "ok":
                print(json.dumps({"error": content}))
                return 1
        results = [m for m in outs if m["msg_type"] == "execute_result"]
        data = results[0]["content"]["data"] if results else {}
        payload = data.get(MIME, {})
        row = next((r["id"] for r in row_list(payload) if r.get("tid") == 4297), "")
        reply = comm_fetch(kc, payload, row) if payload else None
        print(
            json.dumps(
                {
                    "startup": startup,
                    "walls": walls,
                    "cpus": cpus,
                    "mimes": sorted(data.keys()),
                    "sizes": {k: len(json.dumps(v)) for k, v in data.items()},
                    "text": data.get("text/plain", ""),
                    "svgHead": data.get("image/svg+xml", "")[:80],
                    "comm": payload.get("comm"),
                    "legend": [entry["id"] for entry in payload.get("legend", [])],
                    "row4297": row,
                    "reply": reply,
                    "displays": [
                        m["content"]["data"].get("text/plain", "")
                        for m in outs
                        if m["msg_type"] in ("display_data", "update_display_data")
                    ],
                }
            )
        )
        return 0
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


if __name__ == "__main__":
    sys.exit(main())
