#pragma once

#include <QByteArray>

// Kept out of the test file: moc does not read raw string literals that hold quotes and braces.
namespace {

// The shape Chrome DevTools writes (Network panel, "Save all as HAR with content").
inline const QByteArray chromeHar = R"({"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"},
  "pages": [],
  "entries": [
   {"_resourceType": "websocket", "startedDateTime": "2026-03-01T10:00:00.000Z", "time": 5,
    "serverIPAddress": "127.0.0.1", "connection": "4242",
    "request": {"method": "GET", "url": "ws://127.0.0.1:9000/chat?room=1", "httpVersion": "HTTP/1.1",
      "headers": [{"name": "Host", "value": "127.0.0.1:9000"}, {"name": "Upgrade", "value": "websocket"},
                  {"name": "Connection", "value": "Upgrade"},
                  {"name": "Sec-WebSocket-Key", "value": "dGhlIHNhbXBsZSBub25jZQ=="},
                  {"name": "Sec-WebSocket-Version", "value": "13"}],
      "queryString": [], "cookies": [], "headersSize": -1, "bodySize": 0},
    "response": {"status": 101, "statusText": "Switching Protocols", "httpVersion": "HTTP/1.1",
      "headers": [{"name": "Upgrade", "value": "websocket"}, {"name": "Connection", "value": "Upgrade"},
                  {"name": "Sec-WebSocket-Accept", "value": "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="}],
      "cookies": [], "content": {"size": 0, "mimeType": "x-unknown"}, "redirectURL": "", "headersSize": -1,
      "bodySize": -1},
    "cache": {}, "timings": {"blocked": -1, "dns": -1, "connect": -1, "send": 0, "wait": 0, "receive": 0},
    "_webSocketMessages": [
      {"type": "send", "time": 1772359200.25, "opcode": 1, "data": "Hello"},
      {"type": "receive", "time": 1772359200.5, "opcode": 2, "data": "AAEC/w=="},
      {"type": "receive", "time": 1772359201.0, "opcode": 1, "data": "x"}
    ]}
  ]}})";

} // namespace
