#!/usr/bin/python3
"""jupyter_client checks of the tracelab kernel (run with Debian's /usr/bin/python3, JUPYTER_PATH set to a
prefix holding the `tracelab` kernelspec): interrupts (message and SIGINT, synchronous loops and awaits),
restart, a badly signed message is ignored, errors keep the kernel and its state, queued cells are aborted
after an error, a 10M-row Arrow table and a 1M-interval time graph display in bounded messages."""

import json
import os
import signal
import tempfile
import time
import unittest
import uuid
from queue import Empty

from jupyter_client import BlockingKernelClient
from jupyter_client.manager import KernelManager

TIMEOUT = 15
TIMEGRAPH_MIME = "application/vnd.tracelab.timegraph.v1+json"
ROW_KINDS = ["host", "process", "thread", "cpu", "irq", "group", "other"]

# A 1M-interval view: 2,000 rows ("w0".."w1999") x 500 back-to-back 10 ns intervals from t = 0, cycling
# through 3 states, built in the cell from typed arrays and shown with display().
BIG_VIEW_CELL = """
const rows = 2000, per = 500, n = rows * per;
const row = new Int32Array(n), start = new BigInt64Array(n), end = new BigInt64Array(n);
const state = new Uint8Array(n);
for (let i = 0; i < n; i++) {
  const r = Math.floor(i / per), k = i % per;
  row[i] = r; start[i] = BigInt(k * 10); end[i] = BigInt(k * 10 + 10); state[i] = (k + r) % 3;
}
const big = tracelab.timeGraph({
  title: 'Big', rows: Array.from({ length: rows }, (_, r) => `w${r}`), states: ['A', 'B', 'C'],
  intervals: { row, start, end, state }
});
display(big);
"""

# Upper bound of the big view's display_data message. The level of detail bounds the snapshot to 20,000
# merged intervals (+ at most one run per row): 6 numeric columns of <= 16 digits each, about 60 bytes an
# interval = 1.2 MB at worst; 2,000 compact rows are about 30 bytes each (60 kB); the SVG fallback draws at
# most 200 rows x 960 pixel runs (under 2 MB); text is one paragraph. 4 MB is that sum with headroom, and
# independent of the interval count (the 1M intervals themselves would be about 40 MB as JSON).
BIG_VIEW_MAX_BYTES = 4_000_000


def text_at(texts, col, i):
    """Text i of a compact row text column (src/protocol/row-columns.ts)."""
    num = col["num"][i]
    post = texts[col["post"][i]] if "post" in col else ""
    return texts[col["pre"][i]] + (str(num) if num >= 0 else "") + post


def row_ids(payload):
    """Row ids of a timegraph payload, rows as objects or as compact columns."""
    rows = payload["rows"]
    if isinstance(rows, list):
        return [r["id"] for r in rows]
    return [text_at(rows["texts"], rows["id"], i) for i in range(len(rows["parent"]))]


class KernelClientChecks(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.stderr_path = tempfile.mktemp(suffix=".kernel-stderr.txt")
        cls.stderr = open(cls.stderr_path, "w")
        cls.km = KernelManager(kernel_name="tracelab")
        cls.km.start_kernel(stderr=cls.stderr)
        cls.kc = cls.km.client()
        cls.kc.start_channels()
        cls.kc.wait_for_ready(timeout=TIMEOUT)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=False)
        cls.stderr.close()
        os.unlink(cls.stderr_path)

    def run_cell(self, code, timeout=TIMEOUT):
        """Executes code; returns (reply content, iopub messages of that request)."""
        outs = []
        reply = self.kc.execute_interactive(code, timeout=timeout, output_hook=outs.append)
        return reply["content"], outs

    def result_text(self, code):
        content, outs = self.run_cell(code)
        self.assertEqual(content["status"], "ok", content)
        results = [m for m in outs if m["msg_type"] == "execute_result"]
        self.assertEqual(len(results), 1, outs)
        return results[0]["content"]["data"]["text/plain"]

    def interrupt_check(self, loop_code, how):
        self.run_cell("let kept = 41")
        msg_id = self.kc.execute(loop_code)
        time.sleep(0.5)
        t0 = time.time()
        if how == "message":
            self.km.interrupt_kernel()
        else:
            self.km.signal_kernel(signal.SIGINT)
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        elapsed = time.time() - t0
        self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "Interrupted")
        self.assertLess(elapsed, 2.0)
        self.assertEqual(self.result_text("kept + 1"), "42")  # alive, state kept

    def test_interrupt_message_sync_loop(self):
        self.interrupt_check("while (true) {}", "message")

    def test_interrupt_message_loop_after_await(self):
        self.interrupt_check("await null;\nlet n = 0;\nwhile (true) { n++ }", "message")

    def test_interrupt_message_pending_await(self):
        self.interrupt_check("await new Promise(() => {})", "message")

    def test_interrupt_sigint_sync_loop(self):
        self.interrupt_check("for (let i = 0; ; i++) {}", "signal")

    def test_interrupt_sigint_microtask_loop(self):
        self.interrupt_check("for (let i = 0; ; i++) await i", "signal")

    def test_error_keeps_state(self):
        self.run_cell("const base = 20")
        content, outs = self.run_cell("function fail(): never {\n  throw new TypeError('bad ' + base)\n}\nfail()")
        self.assertEqual(content["status"], "error")
        self.assertEqual(content["ename"], "TypeError")
        self.assertEqual(content["evalue"], "bad 20")
        tb = "\n".join(content["traceback"])
        self.assertRegex(tb, r"at fail \(Cell\[\d+\]:2:9\)")
        self.assertIn("> 2 |   throw new TypeError('bad ' + base)", tb)
        self.assertEqual([m["msg_type"] for m in outs if m["msg_type"] == "error"], ["error"])
        self.assertEqual(self.result_text("base * 2 + 2"), "42")

    def test_queued_cells_aborted_after_error(self):
        first = self.kc.execute("await new Promise(r => setTimeout(r, 300)); throw new Error('stop')")
        second = self.kc.execute("globalThis.ranAfterError = true")
        replies = {}
        while len(replies) < 2:
            m = self.kc.get_shell_msg(timeout=TIMEOUT)
            replies[m["parent_header"]["msg_id"]] = m["content"]
        self.assertEqual(replies[first]["status"], "error")
        self.assertEqual(replies[second]["status"], "aborted")
        self.assertEqual(self.result_text("typeof ranAfterError"), "'undefined'")

    def test_bad_signature_ignored(self):
        bad = BlockingKernelClient()
        bad.load_connection_info(self.km.get_connection_info())
        bad.session.key = b"not-the-key"
        bad.start_channels()
        try:
            bad.execute("globalThis.hacked = 1")
            with self.assertRaises(Empty):
                bad.get_shell_msg(timeout=1.5)
        finally:
            bad.stop_channels()
        self.assertTrue(self.km.is_alive())
        self.assertEqual(self.result_text("typeof hacked"), "'undefined'")
        self.stderr.flush()
        with open(self.stderr_path) as f:
            self.assertIn("bad signature", f.read())

    def test_large_arrow_table_is_bounded(self):
        code = (
            "import { tableFromArrays } from 'apache-arrow';\n"
            "tableFromArrays({ ts: new BigInt64Array(10_000_000), v: new Float64Array(10_000_000) })"
        )
        content, outs = self.run_cell(code, timeout=60)
        self.assertEqual(content["status"], "ok", content)
        result = [m for m in outs if m["msg_type"] == "execute_result"][0]["content"]
        self.assertIn("text/html", result["data"])
        self.assertIn("10000000 rows", result["data"]["text/plain"])
        self.assertLess(len(json.dumps(result)), 20_000)

    def test_large_arrow_table_display_is_bounded(self):
        code = (
            "import { tableFromArrays as tfa } from 'apache-arrow';\n"
            "display(tfa({ ts: new BigInt64Array(10_000_000), v: new Float64Array(10_000_000) }))"
        )
        content, outs = self.run_cell(code, timeout=60)
        self.assertEqual(content["status"], "ok", content)
        shown = [m for m in outs if m["msg_type"] == "display_data"]
        self.assertEqual(len(shown), 1, [m["msg_type"] for m in outs])
        self.assertIn("10000000 rows", shown[0]["content"]["data"]["text/plain"])
        self.assertLess(len(json.dumps(shown[0], default=str)), 25_000)

    def comm_fetch(self, request):
        """Opens a comm on the `tracelab` target with `request`; returns the kernel's first reply on it."""
        comm_id = uuid.uuid4().hex
        content = {"comm_id": comm_id, "target_name": "tracelab", "data": request}
        self.kc.shell_channel.send(self.kc.session.msg("comm_open", content))
        deadline = time.time() + TIMEOUT
        while time.time() < deadline:
            msg = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if msg["msg_type"] == "comm_msg" and msg["content"].get("comm_id") == comm_id:
                return msg["content"]["data"]
        return None

    def test_million_interval_view_is_bounded(self):
        t0 = time.time()
        content, outs = self.run_cell(BIG_VIEW_CELL, timeout=120)
        wall = time.time() - t0
        self.assertEqual(content["status"], "ok", content)
        shown = [m for m in outs if m["msg_type"] == "display_data"]
        self.assertEqual(len(shown), 1, [m["msg_type"] for m in outs])
        msg = shown[0]
        size = len(json.dumps(msg, default=str))  # the whole message: header, parent, metadata, content
        self.assertLess(size, BIG_VIEW_MAX_BYTES)
        data = msg["content"]["data"]
        self.assertEqual(sorted(data), sorted([TIMEGRAPH_MIME, "image/svg+xml", "text/plain"]))
        self.assertRegex(data["text/plain"], r"^Big: 2000 rows, 1000000 intervals over 5 µs")
        self.assertTrue(data["image/svg+xml"].startswith("<svg"))
        p = data[TIMEGRAPH_MIME]
        self.assertEqual(p["range"], {"start": "0", "end": "5000"})
        self.assertEqual(row_ids(p), [f"w{r}" for r in range(2000)])
        # The level-of-detail snapshot: merged runs (resolution > 10 ns), bounded, covering every interval.
        iv = p["intervals"]
        self.assertGreater(int(p["resolution"]), 10)
        self.assertLessEqual(len(iv["row"]), 20_000 + 2000)
        self.assertEqual(sum(iv["count"]), 1_000_000)
        self.assertEqual(len({len(iv[k]) for k in ("row", "start", "end", "state", "count")}), 1)
        self.assertEqual(iv["row"], sorted(iv["row"]))
        # Responsive afterwards, and the comm serves exact data: row w7, [1000, 1100) ns at 1 ns per pixel.
        t1 = time.time()
        self.assertEqual(self.result_text("1 + 1"), "2")
        self.assertLess(time.time() - t1, 2.0)
        reply = self.comm_fetch(
            {
                "type": "timegraph.fetch",
                "requestId": 1,
                "handle": p["comm"]["handle"],
                "range": {"start": "1000", "end": "1100"},
                "resolution": "1",
                "rows": ["w7"],
                "maxIntervals": 1000,
            }
        )
        self.assertEqual(reply["type"], "timegraph.data", reply)
        self.assertEqual(reply["resolution"], "0")
        self.assertEqual(reply["intervals"]["start"], list(range(0, 100, 10)))
        # w7, k = 100..109: state (k + 7) % 3
        self.assertEqual(reply["intervals"]["state"], [(k + 7) % 3 for k in range(100, 110)])
        print(f"\n1M-interval view: cell {wall:.2f} s, display_data {size} bytes", flush=True)

    def test_zz_restart(self):
        self.run_cell("globalThis.beforeRestart = 1")
        pid = self.km.provisioner.process.pid
        self.km.restart_kernel(now=False)
        self.kc.wait_for_ready(timeout=TIMEOUT)
        self.assertNotEqual(self.km.provisioner.process.pid, pid)
        self.assertEqual(self.result_text("typeof beforeRestart"), "'undefined'")
        self.assertEqual(self.result_text("1 + 1"), "2")


if __name__ == "__main__":
    unittest.main()
