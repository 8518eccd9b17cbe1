'use strict';
// The three ways this page talks to the chat room, behind one interface:
//   connect(), send(text), setNick(nick), close(code, reason), dispose()
// and events: 'state' {state, ...}, 'joined' {lastSeq, nick?, id?}, 'object' {object, live},
// 'raw' {kind, text | bytes}, 'traffic', 'notice' {key, params, tone}.
(() => {
    const WsLab = (window.WsLab ??= {});
    const { utf8Length, frameHeaderSize } = WsLab.wire;

    const SERVER_TYPES = new Set(['welcome', 'message', 'join', 'leave', 'nick', 'system']);
    const LONG_POLL_CLIENT_TIMEOUT_MS = 60_000; // the server answers after ~25 s; this is a safety net

    class Emitter {
        #handlers = new Map();

        on(type, handler) {
            if (!this.#handlers.has(type)) this.#handlers.set(type, []);
            this.#handlers.get(type).push(handler);
            return this;
        }

        offAll() {
            this.#handlers.clear();
        }

        emit(type, detail = {}) {
            for (const handler of this.#handlers.get(type) ?? []) handler(detail);
        }
    }

    // Traffic of one transport connection, and latency samples waiting to be reported.
    class Stats {
        constructor(transportName) {
            this.transport = transportName;
            this.requests = 0;
            this.framesSent = 0;
            this.framesReceived = 0;
            this.bytesSent = 0;
            this.bytesReceived = 0;
            this.lastLatencyMs = null;
            this.pendingSamples = [];
        }

        countFrameSent(payloadBytes) {
            this.framesSent += 1;
            this.bytesSent += payloadBytes + frameHeaderSize(payloadBytes, true);
        }

        countFrameReceived(payloadBytes) {
            this.framesReceived += 1;
            this.bytesReceived += payloadBytes + frameHeaderSize(payloadBytes, false);
        }

        addLatency(seq, latencyMs) {
            this.lastLatencyMs = latencyMs;
            this.pendingSamples.push([seq, latencyMs]);
            if (this.pendingSamples.length > 1000) this.pendingSamples.shift(); // a flood; keep it bounded
        }

        takeSamples() {
            const samples = this.pendingSamples;
            this.pendingSamples = [];
            return samples;
        }

        report() {
            return {
                samples: this.takeSamples(),
                requests: this.requests,
                bytesSent: this.bytesSent,
                bytesReceived: this.bytesReceived,
            };
        }
    }

    // A server text is a chat object only if it is JSON of a known type; anything else the desktop
    // composer sent is shown as a raw frame.
    function parseServerObject(text) {
        let value;
        try {
            value = JSON.parse(text);
        } catch {
            return null;
        }
        const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
        return isObject && SERVER_TYPES.has(value.type) ? value : null;
    }

    function webSocketUrl(path) {
        const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
        return `${scheme}//${location.host}${path}`;
    }

    // ---------------------------------------------------------------------------------------------
    class WebSocketTransport extends Emitter {
        name = 'websocket';
        endpoint = webSocketUrl('/chatsocket');
        stats = new Stats('websocket');
        #socket = null;
        #opened = false;
        #closeRequested = false;
        #welcomeSeq = null;

        connect() {
            this.stats = new Stats(this.name);
            this.stats.requests = 1; // the HTTP Upgrade request (RFC 6455 §4.1); then only frames
            this.#opened = false;
            this.#closeRequested = false;
            this.#welcomeSeq = null;
            this.emit('state', { state: 'connecting' });
            let socket;
            try {
                socket = new WebSocket(this.endpoint);
            } catch (error) {
                this.emit('state', { state: 'closed', code: 1006, reason: '', opened: false, detail: error.message });
                return;
            }
            socket.binaryType = 'arraybuffer';
            socket.addEventListener('open', () => this.#onOpen());
            socket.addEventListener('message', (event) => this.#onMessage(event.data));
            socket.addEventListener('error', () => this.emit('state', { state: 'error' }));
            socket.addEventListener('close', (event) => this.#onClose(event));
            this.#socket = socket;
        }

        get isOpen() {
            return this.#socket?.readyState === WebSocket.OPEN;
        }

        get canClose() {
            const state = this.#socket?.readyState;
            return state === WebSocket.OPEN || state === WebSocket.CONNECTING;
        }

        get extensions() {
            return this.#socket?.extensions ?? '';
        }

        send(text) {
            if (!this.isOpen) return false;
            this.#socket.send(text);
            this.stats.countFrameSent(utf8Length(text));
            this.emit('traffic');
            return true;
        }

        sendBinary(buffer) {
            if (!this.isOpen) return false;
            this.#socket.send(buffer);
            this.stats.countFrameSent(buffer.byteLength);
            this.emit('traffic');
            return true;
        }

        // `/nick NAME` is an ordinary text frame; the server answers with a "nick" object.
        setNick(nick) {
            return this.send(`/nick ${nick}`);
        }

        // Browsers accept only 1000 and 3000-4999 here (WHATWG WebSocket close()); anything else
        // throws InvalidAccessError, which is reported, not swallowed.
        close(code, reason) {
            if (!this.canClose) return false;
            try {
                this.#socket.close(code, reason);
            } catch (error) {
                this.emit('notice', { key: 'note.closeRefused', params: { code, error: error.name }, tone: 'error' });
                return false;
            }
            this.#closeRequested = true;
            if (this.#opened) {
                this.stats.countFrameSent(2 + utf8Length(reason));
                this.emit('traffic');
            }
            this.emit('state', { state: 'closing' });
            return true;
        }

        // Leaving for another transport: close politely, then stop listening.
        dispose() {
            if (this.canClose) this.#socket.close(1000, 'switching transport');
            this.offAll();
            this.#socket = null;
        }

        #onOpen() {
            this.#opened = true;
            this.emit('state', { state: 'open', extensions: this.extensions });
        }

        #onMessage(data) {
            if (typeof data === 'string') {
                this.stats.countFrameReceived(utf8Length(data));
                this.#onText(data);
            } else {
                const bytes = new Uint8Array(data);
                this.stats.countFrameReceived(bytes.length);
                this.emit('raw', { kind: 'binary', bytes });
            }
            this.emit('traffic');
        }

        #onText(text) {
            const object = parseServerObject(text);
            if (!object) {
                this.emit('raw', { kind: 'text', text });
                return;
            }
            if (object.type === 'welcome') {
                this.#welcomeSeq = Number.isFinite(object.seq) ? object.seq : 0;
                this.emit('joined', { lastSeq: this.#welcomeSeq, nick: object.nick, id: object.id });
                return;
            }
            // Everything up to the welcome's seq is history: no latency sample for it.
            const isHistory = this.#welcomeSeq !== null && Number.isFinite(object.seq) && object.seq <= this.#welcomeSeq;
            this.emit('object', { object, live: !isHistory });
        }

        #onClose(event) {
            // A clean close means a close frame arrived: 2-byte code + reason, or nothing for 1005.
            if (event.wasClean && this.#opened) {
                this.stats.countFrameReceived(event.code === 1005 ? 0 : 2 + utf8Length(event.reason));
                this.emit('traffic');
            }
            this.emit('state', {
                state: 'closed',
                code: event.code,
                reason: event.reason,
                wasClean: event.wasClean,
                opened: this.#opened,
                abandoned: !this.#opened && this.#closeRequested, // closed by us before the handshake ended
            });
        }
    }

    // ---------------------------------------------------------------------------------------------
    // HTTP requests with byte estimates: the request line and the headers we know (the browser adds
    // a few more), the response's status line, headers and body.
    function queryString(params) {
        return Object.entries(params)
            .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
            .join('&');
    }

    function estimateRequestBytes(method, target, bodyBytes, contentType) {
        let head = `${method} ${target} HTTP/1.1\r\nHost: ${location.host}\r\n`;
        head += `User-Agent: ${navigator.userAgent}\r\nAccept: */*\r\n`;
        if (contentType) head += `Content-Type: ${contentType}\r\nContent-Length: ${bodyBytes}\r\n`;
        return utf8Length(`${head}\r\n`) + bodyBytes;
    }

    function estimateResponseBytes(response, bodyBytes) {
        let head = `HTTP/1.1 ${response.status} ${response.statusText}\r\n`;
        for (const [name, value] of response.headers) head += `${name}: ${value}\r\n`;
        return utf8Length(`${head}\r\n`) + bodyBytes;
    }

    class HttpError extends Error {
        constructor(kind, status = 0, statusText = '') {
            super(kind);
            this.kind = kind; // 'status' | 'badAnswer'
            this.status = status;
            this.statusText = statusText;
        }
    }

    async function exchange(stats, { method, path, params, body, contentType, signal }) {
        const target = `${path}?${queryString(params)}`;
        const bodyBytes = body === undefined ? 0 : utf8Length(body);
        stats.requests += 1;
        stats.bytesSent += estimateRequestBytes(method, target, bodyBytes, contentType);
        const headers = contentType ? { 'Content-Type': contentType } : undefined;
        const response = await fetch(target, { method, body, headers, signal, cache: 'no-store' });
        const buffer = await response.arrayBuffer();
        stats.bytesReceived += estimateResponseBytes(response, buffer.byteLength);
        if (!response.ok) throw new HttpError('status', response.status, response.statusText);
        return new TextDecoder().decode(buffer);
    }

    // Long polling and polling share everything but the path and when the next request goes out.
    class HttpTransport extends Emitter {
        stats;
        #clientId;
        #nick;
        #since = 0;
        #controller = null;
        #running = false;
        #answered = false;

        constructor(name, path, { clientId, nick }) {
            super();
            this.name = name;
            this.path = path;
            this.endpoint = `GET ${path}`;
            this.stats = new Stats(name);
            this.#clientId = clientId;
            this.#nick = nick;
        }

        get isOpen() {
            return this.#running && this.#answered;
        }

        get canClose() {
            return this.#running;
        }

        connect() {
            this.stats = new Stats(this.name);
            this.#since = 0; // show the room's history first
            this.#answered = false;
            this.#running = true;
            this.emit('state', { state: 'connecting' });
            this.pollOnce();
        }

        setNick(nick) {
            this.#nick = nick;
            return true;
        }

        async send(text) {
            if (!this.#running) return false;
            const request = {
                method: 'POST',
                path: '/send',
                params: this.#params(),
                body: text,
                contentType: 'text/plain;charset=UTF-8',
            };
            const sending = exchange(this.stats, request);
            this.emit('traffic');
            try {
                await sending;
            } catch (error) {
                this.emit('notice', { key: 'note.sendFailed', params: { error: describeError(error) }, tone: 'error' });
                return false;
            } finally {
                this.emit('traffic');
            }
            return true;
        }

        close() {
            this.#stop({ state: 'closed', stopped: true });
            return true;
        }

        dispose() {
            this.#running = false;
            this.#controller?.abort();
            this.offAll();
        }

        // HTTP has no connection whose end tells the server we are gone: say so, or the room keeps
        // listing us until the server gives up (tens of seconds). Best-effort, and it outlives the page.
        leave() {
            const target = `/leave?${queryString({ client: this.#clientId })}`;
            fetch(target, { method: 'POST', body: '', keepalive: true }).catch(() => {});
        }

        // Subclasses decide when the next request goes out; `answer` is {empty, elapsedMs} or null
        // when the request timed out on our side.
        scheduleNext(_answer) {}

        stopTimers() {}

        async pollOnce() {
            if (!this.#running) return;
            this.#controller = new AbortController();
            const controller = this.#controller;
            const timeout = setTimeout(() => controller.abort('timeout'), LONG_POLL_CLIENT_TIMEOUT_MS);
            const request = { method: 'GET', path: this.path, params: this.#params(true), signal: controller.signal };
            const startedAt = performance.now();
            let messageCount = 0;
            try {
                const answer = exchange(this.stats, request);
                this.emit('traffic');
                messageCount = this.#onAnswer(await answer);
            } catch (error) {
                if (controller.signal.aborted && controller.signal.reason === 'timeout') {
                    this.scheduleNext(null);
                } else if (!controller.signal.aborted) {
                    this.#fail(error);
                }
                return;
            } finally {
                clearTimeout(timeout);
                this.emit('traffic');
            }
            this.scheduleNext({ empty: messageCount === 0, elapsedMs: performance.now() - startedAt });
        }

        #params(withSince = false) {
            const params = withSince ? { since: this.#since } : {};
            return { ...params, client: this.#clientId, nick: this.#nick };
        }

        // Returns how many chat objects the answer carried.
        #onAnswer(text) {
            if (!this.#running) return 0;
            let data;
            try {
                data = JSON.parse(text);
            } catch {
                data = null;
            }
            if (!data || !Array.isArray(data.messages)) {
                this.emit('raw', { kind: 'text', text });
                throw new HttpError('badAnswer');
            }
            const isFirst = !this.#answered;
            if (isFirst) {
                this.#answered = true;
                this.emit('joined', { lastSeq: Number.isFinite(data.last) ? data.last : 0, nick: this.#nick });
                this.emit('state', { state: 'open' });
            }
            this.#dispatch(data.messages, isFirst);
            if (Number.isFinite(data.last)) this.#since = data.last;
            return data.messages.length;
        }

        // The first answer is the room's history (since=0): no latency samples for it.
        #dispatch(messages, isHistory) {
            for (const object of messages) {
                const valid = object !== null && typeof object === 'object' && SERVER_TYPES.has(object.type);
                if (!valid) {
                    this.emit('raw', { kind: 'text', text: JSON.stringify(object) });
                    continue;
                }
                if (Number.isFinite(object.seq)) this.#since = Math.max(this.#since, object.seq);
                this.emit('object', { object, live: !isHistory });
            }
        }

        #fail(error) {
            if (error instanceof HttpError && error.kind === 'status') {
                this.#stop({ state: 'closed', httpStatus: error.status, statusText: error.statusText, path: this.path });
            } else if (error instanceof HttpError) {
                this.#stop({ state: 'closed', badAnswer: true, path: this.path });
            } else {
                this.#stop({ state: 'closed', networkError: error.message || String(error), path: this.path });
            }
        }

        #stop(stateDetail) {
            if (!this.#running) return;
            this.#running = false;
            this.stopTimers();
            this.#controller?.abort();
            this.emit('state', stateDetail);
        }
    }

    function describeError(error) {
        if (error instanceof HttpError && error.kind === 'status') {
            return `HTTP ${error.status} ${error.statusText}`.trim();
        }
        return error.message || String(error);
    }

    // The server holds each request until something happens (or ~25 s), so ask again at once;
    // only an empty answer that came back suspiciously fast waits a moment, so that a server which
    // does not hold requests cannot make the page spin.
    class LongPollTransport extends HttpTransport {
        #timer = null;

        constructor(options) {
            super('longpoll', '/longpoll', options);
        }

        scheduleNext(answer) {
            const tooFast = answer?.empty && answer.elapsedMs < 500;
            this.#timer = setTimeout(() => this.pollOnce(), tooFast ? 1000 : 0);
        }

        stopTimers() {
            clearTimeout(this.#timer);
            this.#timer = null;
        }

        dispose() {
            this.stopTimers();
            super.dispose();
        }
    }

    // Ask every `intervalMs`, counted from the previous answer, so requests never overlap.
    class PollTransport extends HttpTransport {
        #timer = null;

        constructor(options) {
            super('poll', '/poll', options);
            this.intervalMs = options.intervalMs ?? 1000;
        }

        scheduleNext() {
            this.stopTimers();
            this.#timer = setTimeout(() => this.pollOnce(), this.intervalMs);
        }

        stopTimers() {
            clearTimeout(this.#timer);
            this.#timer = null;
        }

        dispose() {
            this.stopTimers();
            super.dispose();
        }
    }

    // Every 2 s, if there are latency samples, POST them with the transport's counters. Best-effort.
    class StatsReporter {
        #clientId;
        #timer = null;

        constructor(clientId) {
            this.#clientId = clientId;
        }

        start(currentTransport) {
            this.#timer = setInterval(() => this.flush(currentTransport()), 2000);
        }

        flush(transport) {
            if (!transport || transport.stats.pendingSamples.length === 0) return;
            const target = `/stats?${queryString({ client: this.#clientId, transport: transport.name })}`;
            const body = JSON.stringify(transport.stats.report());
            fetch(target, { method: 'POST', body, headers: { 'Content-Type': 'application/json' }, keepalive: true })
                .catch(() => {});
        }
    }

    function createTransport(kind, options) {
        if (kind === 'longpoll') return new LongPollTransport(options);
        if (kind === 'poll') return new PollTransport(options);
        return new WebSocketTransport();
    }

    Object.assign(WsLab, {
        Stats,
        WebSocketTransport,
        LongPollTransport,
        PollTransport,
        StatsReporter,
        createTransport,
        parseServerObject,
    });
})();
