#!/usr/bin/python3
"""A WebSocket server this project did not write (Python websockets, Debian) that shows what a
replay sent it, byte for byte.

  replay_peer.py PORT plain|deflate|deflate-nct [CERT KEY]

plain: no extension; deflate: permessage-deflate with context takeover (websockets' default);
deflate-nct: permessage-deflate with client_no_context_takeover. With CERT and KEY, behind TLS
(wss). Prints "ready", then one JSON line
per event: each connection's request head, each message received (hex), the close code, and, when
the connection is gone, every byte the client sent on it (hex, the handshake included). It echoes
every message and answers a close as websockets does.
"""
import asyncio
import json
import ssl
import sys

import websockets
import websockets.legacy.server
from websockets.extensions.permessage_deflate import ServerPerMessageDeflateFactory

PORT, MODE = int(sys.argv[1]), sys.argv[2]


def log(**event):
    print(json.dumps(event), flush=True)


class RecordingProtocol(websockets.legacy.server.WebSocketServerProtocol):
    """Keeps the raw bytes the client sent, before websockets parses them."""

    def connection_made(self, transport):
        self.raw = bytearray()
        super().connection_made(transport)

    def data_received(self, data):
        self.raw.extend(data)
        super().data_received(data)

    def connection_lost(self, exc):
        log(event="raw", hex=bytes(self.raw).hex())
        super().connection_lost(exc)


async def handler(ws, path):
    log(event="open", path=path, host=ws.request_headers.get("Host"),
        extensions=ws.request_headers.get("Sec-WebSocket-Extensions"))
    try:
        async for message in ws:
            data = message.encode() if isinstance(message, str) else message
            log(event="message", text=isinstance(message, str), hex=data.hex())
            await ws.send(message)
    except websockets.exceptions.ConnectionClosed:
        pass
    log(event="closed", code=ws.close_code)


async def main():
    extensions = None
    if MODE == "deflate":
        extensions = [ServerPerMessageDeflateFactory()]
    elif MODE == "deflate-nct":
        extensions = [ServerPerMessageDeflateFactory(client_no_context_takeover=True)]
    context = None
    if len(sys.argv) > 4:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(sys.argv[3], sys.argv[4])
    async with websockets.serve(handler, "127.0.0.1", PORT, create_protocol=RecordingProtocol, compression=None,
                                extensions=extensions, max_size=None, ping_interval=None, ssl=context):
        log(event="ready")
        await asyncio.sleep(120)


asyncio.run(main())
