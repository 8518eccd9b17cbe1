// A WebSocket server this project did not write (Node's ws, Debian node-ws) for client_connect.py.
//   node peer_node.js PORT plain|deflate
// The same behaviour and JSON lines as peer_python.py.
const { WebSocketServer } = require('ws');

const port = +process.argv[2];
const log = event => console.log(JSON.stringify(event));
const wss = new WebSocketServer({
    host: '127.0.0.1', port, perMessageDeflate: process.argv[3] === 'deflate', maxPayload: 64 << 20,
    handleProtocols: protocols => (protocols.has('chat') ? 'chat' : false),
});
wss.on('connection', (ws, request) => {
    const url = new URL(request.url, 'ws://x');
    log({ event: 'open', path: url.pathname + url.search, test: request.headers['x-test'] || null,
          extensions: request.headers['sec-websocket-extensions'] || null, subprotocol: ws.protocol || null });
    ws.on('pong', () => log({ event: 'pong' }));
    ws.ping(Buffer.from('peer-ping'));
    ws.on('message', (data, isBinary) => {
        log({ event: 'message', text: !isBinary, hex: Buffer.from(data).toString('hex') });
        if (!isBinary && data.toString() === 'close-me') {
            ws.close(4001, 'bye');
            return;
        }
        ws.send(data, { binary: isBinary });
    });
    ws.on('close', code => log({ event: 'closed', code }));
});
wss.on('listening', () => log({ event: 'ready' }));
setTimeout(() => process.exit(0), 120000);
