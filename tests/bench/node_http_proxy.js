// Node's http-proxy (Debian node-http-proxy) as a WebSocket reverse proxy, a peer in
// scripts/bench-proxy:   node node_http_proxy.js LISTEN_PORT UPSTREAM_PORT
'use strict';
const http = require('http');
const httpProxy = require('http-proxy');

const [listenPort, upstreamPort] = process.argv.slice(2).map(Number);
const proxy = httpProxy.createProxyServer({ target: `http://127.0.0.1:${upstreamPort}`, ws: true });
proxy.on('error', (error) => console.error(`proxy: ${error.message}`));
const server = http.createServer((request, response) => proxy.web(request, response));
server.on('upgrade', (request, socket, head) => proxy.ws(request, socket, head));
server.listen(listenPort, '127.0.0.1');
