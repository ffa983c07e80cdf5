#!/usr/bin/python3
"""Runs `const t = await tracelab.open(TRACE); t.controlFlow()` in a tracelab kernel through jupyter_client
(Debian's python3-jupyter-client; JUPYTER_PATH must hold the `tracelab` kernelspec), then opens a comm on the
`tracelab` target with a `timegraph.fetch` for the view's handle and waits for the reply.

Prints one JSON object: the cell's wall time (request to reply), the execute_result's MIME keys and sizes, the
payload's comm ref and first rows, the comm reply, and the display messages seen (progress)."""

import json
import sys
import time
import uuid

from jupyter_client.manager import KernelManager

TIMEOUT = 120
MIME = "application/vnd.tracelab.timegraph.v1+json"


def run_cell(kc, code):
    outs = []
    t0 = time.time()
    reply = kc.execute_interactive(code, timeout=TIMEOUT, output_hook=outs.append)
    return reply["content"], outs, time.time() - t0


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
        for i in range(repeat):
            code = f"const t{i} = await tracelab.open({json.dumps(trace)});\nt{i}.controlFlow()"
            content, outs, wall = run_cell(kc, code)
            walls.append(wall)
            if content["status"] != "ok":
                print(json.dumps({"error": content}))
                return 1
        results = [m for m in outs if m["msg_type"] == "execute_result"]
        data = results[0]["content"]["data"] if results else {}
        payload = data.get(MIME, {})
        row = next((r["id"] for r in payload.get("rows", []) if r.get("tid") == 4297), "")
        reply = comm_fetch(kc, payload, row) if payload else None
        print(
            json.dumps(
                {
                    "startup": startup,
                    "walls": walls,
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
