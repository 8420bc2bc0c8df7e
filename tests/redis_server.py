"""A redis-server of a test's own, on a free loopback port, that the test may kill, pause and start again."""

import shutil
import signal
import subprocess
import time

import redis

from tests.pgcluster import free_port


def missing_reason():
    return None if shutil.which("redis-server") else "redis-server is not installed"


class RedisServer:
    def __init__(self, directory):
        self.directory = directory
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self):
        return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=1)

    def start(self):
        """Starts the server, with what the last snapshot() kept, if any (as a Redis with persistence would)."""
        self.process = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--dir", str(self.directory)]
            + ["--dbfilename", "snapshot.rdb", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                self.client().ping()
                return
            except redis.exceptions.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def snapshot(self):
        self.client().save()

    def kill(self):
        """Gone at once, as after a crash: connections are refused."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.kill()
            self.process.wait()

    def pause(self):
        """Still listening but answering nothing, as a host that drops packets: every call waits for its timeout."""
        self.process.send_signal(signal.SIGSTOP)
