"""Checks editors/helix/languages.toml: Helix's shape, that the server command it names
starts `awsls` and answers `initialize` over stdio, and that its `config` table (sent as
initializationOptions) is understood: the notes path it carries shows up in hover."""

import copy
import json
import os
import subprocess
import time
import tomllib
import unittest
from pathlib import Path

FRAGMENT = Path(__file__).resolve().parent.parent / "languages.toml"
FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures"
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


def read_response(process, request_id: int) -> dict:
    """Reads messages until the response to `request_id`. Notifications are skipped and
    requests from the server (progress tokens, watcher registration) get a null result,
    as an editor would answer them."""
    while True:
        message = read_message(process.stdout)
        if "method" in message:
            if "id" in message:
                send(process, {"jsonrpc": "2.0", "id": message["id"], "result": None})
        elif message.get("id") == request_id:
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
        for name, usual in (
            ("yaml", "yaml-language-server"),
            ("json", "vscode-json-language-server"),
        ):
            servers = languages[name]["language-servers"]
            self.assertIn("awsls", servers, name)
            self.assertIn(usual, servers, name)
            for server in servers:
                self.assertIsInstance(server, str)

    def start_server(self, initialization_options):
        """Starts the named command and sends `initialize`; returns (process, response)."""
        server = self.config["language-server"]["awsls"]
        # The fragment names `awsls` as found on PATH; the test runs the binary under test.
        binary = os.environ.get("AWSLS_BIN", server["command"])
        process = subprocess.Popen(
            [binary, *server["args"]],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.addCleanup(stop, process)
        send(
            process,
            request(
                1,
                "initialize",
                {
                    "processId": os.getpid(),
                    "rootUri": None,
                    "capabilities": {},
                    "clientInfo": {"name": "helix-config-test"},
                    "initializationOptions": initialization_options,
                },
            ),
        )
        return process, read_response(process, 1)

    def test_named_command_answers_initialize(self):
        config = self.config["language-server"]["awsls"].get("config", {})
        process, response = self.start_server(config)
        self.assertNotIn("error", response)
        self.assertIn("capabilities", response["result"])
        send(process, notification("initialized", {}))
        send(process, request(2, "shutdown", None))
        self.assertNotIn("error", read_response(process, 2))
        send(process, notification("exit", None))
        process.stdin.close()
        self.assertEqual(process.wait(TIMEOUT_SECONDS), 0)

    def test_config_table_reaches_the_server(self):
        """The `config` table, with the notes path filled in, shows the notes in hover."""
        config = copy.deepcopy(
            self.config["language-server"]["awsls"].get("config", {})
        )
        config["notes"]["paths"] = [str(FIXTURES / "notes")]
        process, response = self.start_server(config)
        self.assertNotIn("error", response)
        send(process, notification("initialized", {}))
        text = (
            (FIXTURES / "template-broken.yaml").read_text().replace("[a, b", "platform")
        )
        uri = (FIXTURES / "template.yaml").as_uri()
        send(
            process,
            notification(
                "textDocument/didOpen",
                {
                    "textDocument": {
                        "uri": uri,
                        "languageId": "yaml",
                        "version": 1,
                        "text": text,
                    },
                },
            ),
        )
        line = next(
            i for i, row in enumerate(text.splitlines()) if "AWS::S3::Bucket" in row
        )
        character = text.splitlines()[line].index("AWS::S3::Bucket") + 4
        # The server indexes notes in the background after `initialized`; ask again until
        # they are in (bounded), as a user hovering twice would.
        value = ""
        deadline = time.monotonic() + TIMEOUT_SECONDS
        request_id = 2
        while "editor-notes-marker" not in value and time.monotonic() < deadline:
            if request_id > 2:
                time.sleep(0.2)
            send(
                process,
                request(
                    request_id,
                    "textDocument/hover",
                    {
                        "textDocument": {"uri": uri},
                        "position": {"line": line, "character": character},
                    },
                ),
            )
            hover = read_response(process, request_id).get("result") or {}
            contents = hover.get("contents")
            value = (
                contents.get("value", "")
                if isinstance(contents, dict)
                else str(contents)
            )
            request_id += 1
        self.assertIn("AWS::S3::Bucket", value)
        self.assertIn("editor-notes-marker", value)


def request(request_id: int, method: str, params) -> dict:
    return {"jsonrpc": "2.0", "id": request_id, "method": method, "params": params}


def notification(method: str, params) -> dict:
    return {"jsonrpc": "2.0", "method": method, "params": params}


def send(process, message: dict) -> None:
    process.stdin.write(frame(message))
    process.stdin.flush()


def stop(process) -> None:
    """Kills the server if it is still running and shows what it wrote on stderr."""
    if process.poll() is None:
        process.kill()
        process.wait()
    stderr = process.stderr.read().decode(errors="replace")
    for stream in (process.stderr, process.stdout, process.stdin):
        if not stream.closed:
            stream.close()
    if stderr.strip():
        print(stderr[-2000:])


if __name__ == "__main__":
    unittest.main(verbosity=2)
