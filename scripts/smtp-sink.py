#!/usr/bin/env python3
"""An SMTP sink for tests, built on aiosmtpd (PyPI, installed into .venv by `make venv`): an SMTP
server Domino did not write, so the client is checked against someone else's reading of RFC 5321.

usage: smtp-sink.py PORT DIRECTORY
Each accepted message is written to DIRECTORY/N.eml (renamed into place when complete) with its
envelope in DIRECTORY/N.envelope; DIRECTORY/ready appears once the server listens. Runs until SIGTERM.
"""
import os
import signal
import sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.directory, str(self.count))
        with open(base + ".envelope", "w") as f:
            f.write(envelope.mail_from + "\n" + "\n".join(envelope.rcpt_tos) + "\n")
        with open(base + ".tmp", "wb") as f:
            f.write(envelope.original_content)
        os.rename(base + ".tmp", base + ".eml")
        return "250 2.0.0 Message accepted for delivery"


def main():
    port, directory = int(sys.argv[1]), sys.argv[2]
    # Blocked before the server's thread starts (it inherits the mask), so sigwait receives them.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    controller = Controller(Sink(directory), hostname="127.0.0.1", port=port)
    try:
        controller.start()
    except OSError as error:
        # The port taken (another `make run`'s sink, say): one line, not a traceback; the caller says what next.
        print(f"smtp-sink: cannot listen on 127.0.0.1:{port}: {error.strerror or error}", file=sys.stderr)
        sys.exit(1)
    open(os.path.join(directory, "ready"), "w").close()
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    controller.stop()


if __name__ == "__main__":
    main()
