#!/usr/bin/python3
"""jupyter_client checks of the tracelab kernel (run with Debian's /usr/bin/python3, JUPYTER_PATH set to a
prefix holding the `tracelab` kernelspec): interrupts (message and SIGINT, synchronous loops and awaits),
restart, a badly signed message is ignored, errors keep the kernel and its state, queued cells are aborted
after an error, and a 10M-row Arrow table displays in a bounded message."""

import json
import os
import signal
import tempfile
import time
import unittest
from queue import Empty

from jupyter_client import BlockingKernelClient
from jupyter_client.manager import KernelManager

TIMEOUT = 15


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
