#!/usr/bin/python3
"""Debian's jupyter_kernel_test suite against the tracelab kernel, with every optional test the kernel supports
enabled (run with /usr/bin/python3 -m unittest, JUPYTER_PATH pointing at the kernelspec's prefix)."""

import unittest

import jupyter_kernel_test as jkt


class TracelabKernelTests(jkt.KernelTests):
    kernel_name = "tracelab"
    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = "console.log('hello, world')"
    code_stderr = "console.error('something went wrong')"

    completion_samples = [
        {"text": "Math.SQRT", "matches": {"SQRT1_2", "SQRT2"}},
        {"text": "const zzUnique = 1; zzUni", "matches": {"zzUnique"}},
    ]

    complete_code_samples = ["1 + 1", "const x: number = 1", "function f() { return 1 }", "await Promise.resolve(1)"]
    incomplete_code_samples = ["function f() {", "const a = [1,", "`abc", "x = (1 +", "class A {\n  x: number"]
    invalid_code_samples = ["const = 5", "x)", "let s = 'abc"]

    code_generate_error = "throw new Error('boom')"

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "'abc'", "result": "'abc'"},
        {"code": "1n << 64n", "result": "18446744073709551616n"},
        {"code": "({ 'text/html': '<b>x</b>', 'text/plain': 'x' })", "mime": "text/html", "result": "<b>x</b>"},
    ]

    code_display_data = [
        {"code": "display({ 'text/html': '<b>hi</b>', 'text/plain': 'hi' })", "mime": "text/html"},
        {"code": "display.svg('<svg xmlns=\"http://www.w3.org/2000/svg\"/>')", "mime": "image/svg+xml"},
        {"code": "display('plain')", "mime": "text/plain"},
    ]

    code_history_pattern = "6 * 7"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.max"

    code_clear_output = "display.clear()"


if __name__ == "__main__":
    unittest.main()
