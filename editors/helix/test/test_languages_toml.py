"""Checks editors/helix/languages.toml: Helix's shape, and that the server command it names
starts `awsls` and answers `initialize` over stdio with the configured options."""

import json
import os
import subprocess
import tomllib
import unittest
from pathlib import Path

FRAGMENT = Path(__file__).resolve().parent.parent / "languages.toml"
TIMEOUT_SECONDS = 30


def frame(message: dict) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def read_message(stream) -> dict:
    length = None
    while True:
        line = stream.readline()
        if not line:
            raise EOFError("server closed stdout before answering")
        line = line.strip()
        if not line:
            break
        name, _, value = line.decode().partition(":")
        if name.lower() == "content-length":
            length = int(value)
    if length is None:
        raise ValueError("message without Content-Length")
    return json.loads(stream.read(length))


def read_response(stream, request_id: int) -> dict:
    """Reads messages until the response to `request_id`, skipping notifications."""
    while True:
        message = read_message(stream)
        if message.get("id") == request_id and "method" not in message:
            return message


class LanguagesTomlTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with FRAGMENT.open("rb") as file:
            cls.config = tomllib.load(file)

    def test_server_entry_has_helix_shape(self):
        server = self.config["language-server"]["awsls"]
        self.assertEqual(server["command"], "awsls")
        self.assertIsInstance(server["args"], list)
        self.assertTrue(all(isinstance(arg, str) for arg in server["args"]))
        self.assertIsInstance(server.get("config", {}), dict)

    def test_yaml_and_json_use_awsls_alongside_their_servers(self):
        languages = {entry["name"]: entry for entry in self.config["language"]}
        self.assertEqual(set(languages), {"yaml", "json"})
        for name, usual in (("yaml", "yaml-language-server"), ("json", "vscode-json-language-server")):
            servers = languages[name]["language-servers"]
            self.assertIn("awsls", servers, name)
            self.assertIn(usual, servers, name)
            for server in servers:
                self.assertIsInstance(server, str)

    def test_named_command_answers_initialize(self):
        server = self.config["language-server"]["awsls"]
        # The fragment names `awsls` as found on PATH; the test runs the binary under test.
        binary = os.environ.get("AWSLS_BIN", server["command"])
        process = subprocess.Popen(
            [binary, *server["args"]],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            initialize = {
                "jsonrpc": "2.0",
                "id": 1,
                "method": "initialize",
                "params": {
                    "processId": os.getpid(),
                    "rootUri": None,
                    "capabilities": {},
                    "clientInfo": {"name": "helix-config-test"},
                    "initializationOptions": server.get("config", {}),
                },
            }
            process.stdin.write(frame(initialize))
            process.stdin.flush()
            response = read_response(process.stdout, 1)
            self.assertNotIn("error", response)
            self.assertIn("capabilities", response["result"])
            process.stdin.write(frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
            process.stdin.write(frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None}))
            process.stdin.flush()
            self.assertNotIn("error", read_response(process.stdout, 2))
            process.stdin.write(frame({"jsonrpc": "2.0", "method": "exit", "params": None}))
            process.stdin.close()
            self.assertEqual(process.wait(TIMEOUT_SECONDS), 0)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
            stderr = process.stderr.read().decode(errors="replace")
            process.stderr.close()
            process.stdout.close()
            if stderr:
                print(stderr[-2000:])


if __name__ == "__main__":
    unittest.main(verbosity=2)
