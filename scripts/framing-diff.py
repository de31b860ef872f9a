#!/usr/bin/env python3
"""Differential test of request framing: our parser (`DominoBench framing`) against llhttp (httptools)
and h11, on generated requests (issue 17, "Must show"; docs/fuzzing.md).

For each request, each parser says how it frames the first message: rejected, complete with N body
bytes, or incomplete. Request smuggling needs two parsers that disagree about where a request ends,
so the run fails when
  - both references reject a request that we accept as complete, or
  - both references complete it with the same body length and we complete it with another.
Being stricter than a reference (rejecting what it accepts) is allowed and counted.

Usage: framing-diff.py DOMINOBENCH [COUNT] [SEED]   (run by `make test` through the .venv)
"""
import random
import subprocess
import sys

import h11
import httptools

METHODS = ["GET", "POST", "PUT"]
TARGETS = ["/", "/v1/needs?limit=2", "http://example.jp/v1/needs", "HTTP://example.jp", "*", "http://user@example.jp/"]
VERSIONS = ["HTTP/1.1", "HTTP/1.0"]
CONTENT_LENGTHS = ["5", "05", "5, 5", "5,5", ",5", "5,", "", " 5 ", "+5", "-5", "5 5", "0x5", "4", "6", "0",
                   "99999999999999999999", "5, ,5", "5\t"]
TRANSFER_ENCODINGS = ["chunked", "Chunked", "CHUNKED", "chunked,", ",chunked", "gzip, chunked", "chunked, gzip",
                      "identity", "", "chunked , chunked", "chunked;q=1", " chunked", "chunked\t", "gzip,,chunked",
                      "x-chunked", "chunkedx"]
EXPECTS = ["100-continue", "100-Continue", "200-ok", "", "100-continue, x"]
CHUNKED_BODIES = ["5\r\nhello\r\n0\r\n\r\n", "5;a=b\r\nhello\r\n0\r\n\r\n", "x\r\nhello\r\n0\r\n\r\n",
                  "-5\r\nhello\r\n0\r\n\r\n", " 5\r\nhello\r\n0\r\n\r\n", "5 \r\nhello\r\n0\r\n\r\n",
                  "ffffffffffffffffff\r\nhello\r\n0\r\n\r\n", "5\r\nhello0\r\n\r\n", "0\r\nX-T: y\r\n\r\n",
                  "5\nhello\n0\n\n", "05\r\nhello\r\n0\r\n\r\n", "5\r\nhello\r\n0\r\n"]
SPECIALS = [b" ", b"\t", b"\r", b"\n", b",", b":", b"\x00", b"\r\n", b"0", b";", b"\x7f"]


def generate(rng):
    method = rng.choice(METHODS)
    target = rng.choice(TARGETS) if rng.random() < 0.3 else "/v1/needs"
    version = rng.choice(VERSIONS) if rng.random() < 0.2 else "HTTP/1.1"
    headers = []
    if rng.random() < 0.95:
        headers.append("Host: example.jp")
    if rng.random() < 0.05:
        headers.append("Host: other.example")
    framing = rng.random()
    if framing < 0.35:
        for _ in range(rng.choice([1, 1, 1, 2])):
            headers.append("Content-Length: " + rng.choice(CONTENT_LENGTHS))
        body = "hello" + ("GET / HTTP/1.1\r\nHost: h\r\n\r\n" if rng.random() < 0.3 else "")
    elif framing < 0.8:
        for _ in range(rng.choice([1, 1, 1, 2])):
            headers.append("Transfer-Encoding: " + rng.choice(TRANSFER_ENCODINGS))
        if rng.random() < 0.15:
            headers.append("Content-Length: " + rng.choice(CONTENT_LENGTHS))
        body = rng.choice(CHUNKED_BODIES)
    else:
        body = "" if rng.random() < 0.7 else "hello"
    if rng.random() < 0.1:
        headers.append("Expect: " + rng.choice(EXPECTS))
    rng.shuffle(headers)
    raw = f"{method} {target} {version}\r\n" + "".join(h + "\r\n" for h in headers) + "\r\n" + body
    data = bytearray(raw.encode("latin-1"))
    head_end = raw.find("\r\n\r\n")
    # A third of the requests get one mutation inside the head, where framing is decided.
    if rng.random() < 0.33 and head_end > 0:
        position = rng.randrange(0, head_end + 2)
        special = rng.choice(SPECIALS)
        kind = rng.random()
        if kind < 0.4:
            data[position:position] = special
        elif kind < 0.7:
            data[position:position + 1] = special
        else:
            del data[position]
    return bytes(data)


class FirstMessage:
    def __init__(self):
        self.body = 0
        self.complete = False

    def on_body(self, body):
        self.body += len(body)

    def on_message_complete(self):
        self.complete = True
        raise StopIteration  # only the first message matters; llhttp stops at a callback's error


def llhttp(data):
    message = FirstMessage()
    try:
        httptools.HttpRequestParser(message).feed_data(data)
    except httptools.HttpParserInvalidMethodError:
        # llhttp knows only registered methods; RFC 9110 §9.1 allows any token. Not a framing verdict.
        return "unknown-method"
    except Exception:  # parse errors, and the StopIteration above (wrapped by httptools)
        if not message.complete:
            return "reject"
    return f"complete {message.body}" if message.complete else "incomplete"


def h11_verdict(data):
    connection = h11.Connection(h11.SERVER)
    connection.receive_data(data)
    body = 0
    try:
        while True:
            event = connection.next_event()
            if event is h11.NEED_DATA:
                return "incomplete"
            if isinstance(event, h11.Data):
                body += len(event.data)
            elif isinstance(event, h11.EndOfMessage):
                return f"complete {body}"
            elif event is h11.PAUSED:
                return "incomplete"
    except h11.RemoteProtocolError:
        return "reject"


def ours(oracle, requests):
    text = "".join(r.hex() + "\n" for r in requests)
    output = subprocess.run([oracle, "framing"], input=text, capture_output=True, text=True, check=True).stdout
    verdicts = [line.split(" ")[0] if line.startswith("reject") else line for line in output.splitlines()]
    if len(verdicts) != len(requests):
        sys.exit(f"framing-diff: the oracle answered {len(verdicts)} of {len(requests)} requests")
    return verdicts


def main():
    oracle = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 17
    rng = random.Random(seed)
    requests = [generate(rng) for _ in range(count)]
    mine = ours(oracle, requests)
    failures = []
    stricter = 0
    both_reject = 0
    for request, our, llhttp_says, h11_says in zip(requests, mine, map(llhttp, requests), map(h11_verdict, requests)):
        if llhttp_says == "reject" and h11_says == "reject":
            both_reject += 1
            if our.startswith("complete"):
                failures.append(("both references reject; we accept", request, our, llhttp_says, h11_says))
        elif llhttp_says == h11_says and llhttp_says.startswith("complete"):
            if our.startswith("complete") and our != llhttp_says:
                failures.append(("another body length", request, our, llhttp_says, h11_says))
            elif our == "reject":
                stricter += 1
        elif our == "reject" and "reject" not in (llhttp_says, h11_says):
            stricter += 1
    for reason, request, our, a, b in failures[:20]:
        print(f"DISAGREE ({reason}): ours={our} llhttp={a} h11={b} request={request!r}")
    print(f"framing-diff: {count} requests (seed {seed}); both references rejected {both_reject}; "
          f"we were stricter on {stricter}; framing disagreements: {len(failures)}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
