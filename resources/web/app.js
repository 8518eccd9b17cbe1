'use strict';
// The page: a view layer (small components over the DOM, text only through textContent) and the
// App controller that connects one transport at a time to it.
(() => {
    const { i18n, wire, createTransport, StatsReporter } = window.WsLab;
    const { t } = i18n;

    const MAX_ENTRIES = 500; // the list keeps the latest lines only; a flood must not grow the DOM
    const PREVIEW_CHARS = 280;
    const MAX_HEX_SHOWN = 256;
    const MAX_COMPOSER_HEIGHT = 160; // px; beyond it the composer scrolls
    const FRAGMENT_NOTE_BYTES = 128 * 1024; // Chromium splits messages this big into several frames
    const SERVER_MESSAGE_LIMIT = 16 * 1024 * 1024; // the server's default; beyond it closes with 1009

    const $ = (id) => document.getElementById(id);

    function el(tag, className, text) {
        const node = document.createElement(tag);
        if (className) node.className = className;
        if (text !== undefined) node.textContent = text;
        return node;
    }

    const timeFormats = new Map(); // one formatter per language: a flood renders hundreds of times

    function formatTime(ms) {
        if (!timeFormats.has(i18n.lang)) {
            const locale = i18n.lang === 'zh' ? 'zh-CN' : 'en-GB';
            timeFormats.set(i18n.lang, new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }));
        }
        return timeFormats.get(i18n.lang).format(new Date(ms));
    }

    function formatCount(n) {
        return n.toLocaleString(i18n.lang === 'zh' ? 'zh-CN' : 'en-US');
    }

    function bytesText(n) {
        return t('unit.bytes', { n: formatCount(n) });
    }

    // RFC 6455 §7.4.1 names, §7.4.2 ranges.
    function closeName(code) {
        const key = `close.${code}`;
        if (i18n.has(key)) return t(key);
        if (code >= 3000 && code <= 3999) return t('close.range3000');
        if (code >= 4000 && code <= 4999) return t('close.range4000');
        return '';
    }

    function closeSummary(code, reason) {
        const name = closeName(code);
        let text = name ? `${code} ${name}` : String(code);
        if (reason) text += ` · “${reason}”`;
        return text;
    }

    // =============================================================================================
    // View: message list
    function renderTime(ms) {
        const time = el('time', 'entry__time', formatTime(ms));
        time.dateTime = new Date(ms).toISOString();
        return time;
    }

    function renderText(text) {
        const body = el('p', 'bubble__text');
        if (text.length <= PREVIEW_CHARS) {
            body.textContent = text;
            return [body];
        }
        body.textContent = `${text.slice(0, PREVIEW_CHARS)}…`;
        const more = el('button', 'link-button', t('msg.showAll', { size: wire.formatBytes(wire.utf8Length(text)) }));
        more.type = 'button';
        more.addEventListener('click', () => {
            body.textContent = text;
            more.remove();
        });
        return [body, more];
    }

    function renderMessage(entry) {
        const item = el('li', `entry entry--message ${entry.own ? 'entry--own' : 'entry--other'}`);
        const bubble = el('div', 'bubble');
        const from = el('span', entry.own ? 'visually-hidden' : 'bubble__from', entry.own ? t('msg.you') : entry.from);
        if (entry.private) from.append(el('span', 'bubble__private', t('msg.private')));
        bubble.append(from);
        bubble.append(...renderText(entry.text));
        const meta = el('span', 'bubble__meta');
        meta.append(renderTime(entry.time));
        if (entry.latency !== null) meta.append(el('span', 'bubble__latency', t('msg.latency', { ms: entry.latency })));
        bubble.append(meta);
        item.append(bubble);
        return item;
    }

    function renderLine(className, text, time) {
        const item = el('li', `entry ${className}`);
        const line = el('p', 'entry__line');
        line.append(el('span', 'entry__text', text), renderTime(time));
        item.append(line);
        return item;
    }

    function renderRaw(entry) {
        const item = el('li', 'entry entry--raw');
        const head = el('p', 'raw__head');
        const kind = entry.frameKind === 'binary' ? t('raw.binary') : t('raw.text');
        head.append(el('span', 'raw__tag', kind), el('span', 'raw__size', bytesText(entry.size)), renderTime(entry.time));
        const content = el('pre', 'raw__content');
        if (entry.frameKind === 'binary') {
            const more = entry.bytes.length > MAX_HEX_SHOWN ? ' …' : '';
            content.textContent = (wire.toHex(entry.bytes, MAX_HEX_SHOWN) || t('raw.empty')) + more;
        } else {
            content.textContent = entry.text.length > PREVIEW_CHARS ? `${entry.text.slice(0, PREVIEW_CHARS)}…` : entry.text || t('raw.empty');
        }
        item.append(head, content);
        return item;
    }

    function renderEntry(entry) {
        switch (entry.kind) {
        case 'message': return renderMessage(entry);
        case 'system': return renderLine('entry--system', entry.text, entry.time);
        case 'notice': return renderLine('entry--notice', entry.message(), entry.time);
        case 'raw': return renderRaw(entry);
        default: return renderLine(`entry--local entry--${entry.tone}`, entry.message(), entry.time);
        }
    }

    class MessageList {
        #list;
        #jump;
        #entries = [];
        #pending = [];
        #frame = 0;

        #stuck = true; // following the live tail, as long as the reader is at the bottom

        constructor(list, jump) {
            this.#list = list;
            this.#jump = jump;
            list.addEventListener('scroll', () => {
                this.#stuck = this.#isAtBottom();
                if (this.#stuck) jump.hidden = true;
            });
            jump.addEventListener('click', () => this.scrollToBottom());
            // The banner or a narrower window shrinks the list: stay at the tail if we were there.
            new ResizeObserver(() => {
                if (this.#stuck) this.scrollToBottom();
            }).observe(list);
        }

        // Lines are rendered once per animation frame, so a burst of frames costs one layout.
        add(entry) {
            this.#pending.push(entry);
            if (this.#pending.length > MAX_ENTRIES) this.#pending.splice(0, this.#pending.length - MAX_ENTRIES);
            if (!this.#frame) this.#frame = requestAnimationFrame(() => this.#flush());
        }

        rerender() {
            this.#list.setAttribute('aria-busy', 'true');
            this.#list.replaceChildren(...this.#entries.map(renderEntry));
            this.#list.setAttribute('aria-busy', 'false');
            this.scrollToBottom();
        }

        scrollToBottom() {
            this.#list.scrollTop = this.#list.scrollHeight;
            this.#stuck = true;
            this.#jump.hidden = true;
        }

        #flush() {
            this.#frame = 0;
            const fragment = document.createDocumentFragment();
            for (const entry of this.#pending) fragment.append(renderEntry(entry));
            this.#entries.push(...this.#pending);
            this.#pending = [];
            this.#list.append(fragment);
            this.#trim();
            if (this.#stuck) this.scrollToBottom();
            else this.#jump.hidden = false;
        }

        #trim() {
            const excess = this.#entries.length - MAX_ENTRIES;
            if (excess <= 0) return;
            this.#entries.splice(0, excess);
            for (let i = 0; i < excess; ++i) this.#list.firstElementChild?.remove();
        }

        #isAtBottom() {
            const list = this.#list;
            return list.scrollHeight - list.scrollTop - list.clientHeight < 48;
        }
    }

    // =============================================================================================
    // View: connection state (pill + banner) and the counter row
    function describeWebSocketClose(detail) {
        const code = closeSummary(detail.code, detail.reason);
        const banner = (titleKey, noteKey, tone, detailKey = 'banner.code') => ({ tone, title: t(titleKey), detail: t(detailKey, { code }), note: t(noteKey, { code }) });
        if (detail.abandoned) return banner('banner.closed', 'note.closed', 'neutral');
        if (!detail.opened) return banner('banner.handshakeFailed', 'note.handshakeFailed', 'error');
        // RFC 6455 §7.1.5: onclose is given 1006 when no close frame was received, which is also the
        // case when the browser failed the connection itself (it sent 1002 and did not wait).
        if (detail.code === 1006) return banner('banner.dropped', 'note.dropped', 'error', 'banner.code1006');
        return banner('banner.closed', 'note.closed', 'neutral');
    }

    function describeHttpStop(detail) {
        const path = detail.path;
        if (detail.stopped) return { tone: 'neutral', title: t('banner.stopped'), detail: '', note: t('banner.stopped') };
        if (detail.httpStatus) {
            const status = `HTTP ${detail.httpStatus} ${detail.statusText ?? ''}`.trim();
            return { tone: 'error', title: t('banner.httpFailed', { path }), detail: status, note: `${path}: ${status}` };
        }
        if (detail.badAnswer) {
            return { tone: 'error', title: t('banner.badAnswer', { path }), detail: '', note: t('banner.badAnswer', { path }) };
        }
        const error = detail.networkError ?? '';
        return { tone: 'error', title: t('banner.networkFailed', { path }), detail: error, note: t('banner.networkFailed', { path }) };
    }

    // What the pill and banner say for a transport state; null banner = nothing to report.
    function describeState(detail, transportName) {
        switch (detail.state) {
        case 'connecting': return { tone: 'pending', pill: t('state.connecting'), banner: null };
        case 'open': return { tone: 'ok', pill: t('state.open'), banner: null };
        case 'closing': return { tone: 'pending', pill: t('state.closing'), banner: null };
        case 'error': return { tone: 'error', pill: t('state.error'), banner: null };
        default: break;
        }
        if (transportName === 'websocket') {
            const banner = describeWebSocketClose(detail);
            const pill = t('state.closedCode', { code: detail.code }) + (detail.reason ? ` · ${detail.reason}` : '');
            return { tone: banner.tone, pill, banner };
        }
        const banner = describeHttpStop(detail);
        return { tone: banner.tone, pill: detail.stopped ? t('state.stopped') : t('state.failed'), banner };
    }

    class StatusView {
        #pill;
        #banner;
        #bannerTitle;
        #bannerDetail;

        constructor() {
            this.#pill = $('state-pill');
            this.#banner = $('banner');
            this.#bannerTitle = $('banner-title');
            this.#bannerDetail = $('banner-detail');
        }

        show(state, description) {
            this.#pill.dataset.state = state; // connecting | open | closing | closed | error
            this.#pill.dataset.tone = description.tone;
            this.#pill.textContent = description.pill;
            this.#pill.title = description.pill;
            const banner = description.banner;
            this.#banner.hidden = !banner;
            if (!banner) return;
            this.#banner.dataset.tone = banner.tone;
            this.#bannerTitle.textContent = banner.title;
            this.#bannerDetail.textContent = banner.detail;
            this.#bannerDetail.hidden = !banner.detail;
        }
    }

    class CounterView {
        #row;
        #frame = 0;

        constructor() {
            this.#row = $('counters');
        }

        schedule(transport) {
            if (this.#frame) return;
            this.#frame = requestAnimationFrame(() => {
                this.#frame = 0;
                this.render(transport);
            });
        }

        render(transport) {
            const stats = transport.stats;
            const isWebSocket = transport.name === 'websocket';
            const approx = isWebSocket ? '' : '≈';
            const items = isWebSocket
                ? [[t('counter.frames'), `↑ ${formatCount(stats.framesSent)}  ↓ ${formatCount(stats.framesReceived)}`]]
                : [[t('counter.requests'), formatCount(stats.requests)]];
            items.push(
                [t('counter.sent'), approx + wire.formatBytes(stats.bytesSent)],
                [t('counter.received'), approx + wire.formatBytes(stats.bytesReceived)],
                [t('counter.latency'), stats.lastLatencyMs === null ? '–' : t('msg.latency', { ms: stats.lastLatencyMs })],
            );
            if (isWebSocket && transport.extensions) items.push([t('counter.extensions'), transport.extensions]);
            items.push([t('counter.endpoint'), transport.endpoint]);
            this.#row.replaceChildren(...items.map(([label, value]) => {
                const group = el('div', 'counter');
                group.append(el('dt', 'counter__label', label), el('dd', 'counter__value', value));
                return group;
            }));
        }
    }

    // =============================================================================================
    // View: frames lab. Each tool validates its input and explains the frame it will produce.
    function frameHint(opcode, kindKey, payloadBytes, extensions) {
        let hint = t('hint.frame', {
            opcode,
            kind: t(kindKey),
            bytes: bytesText(payloadBytes),
            tier: wire.lengthTier(payloadBytes),
            wire: bytesText(payloadBytes + wire.frameHeaderSize(payloadBytes, true)),
        });
        if (extensions.includes('permessage-deflate')) hint += ` ${t('hint.deflate')}`;
        if (payloadBytes > FRAGMENT_NOTE_BYTES) hint += `\n${t('hint.fragments')}`;
        return hint;
    }

    function setHint(node, text, tone = 'normal') {
        node.textContent = text;
        node.dataset.tone = tone;
    }

    class FramesLab {
        #actions;
        #extensions = '';
        #open = false;
        #canClose = false;
        #file = null;

        constructor(actions) {
            this.#actions = actions;
            const lab = $('lab');
            lab.open = matchMedia('(min-width: 960px)').matches;
            for (const id of ['lab-text', 'lab-hex', 'lab-size', 'lab-close-code', 'lab-close-custom', 'lab-close-reason']) {
                $(id).addEventListener('input', () => this.refresh());
            }
            $('lab-file').addEventListener('change', (event) => {
                this.#file = event.target.files?.[0] ?? null;
                this.refresh();
            });
            $('lab-text-send').addEventListener('click', () => actions.sendText($('lab-text').value));
            $('lab-hex-send').addEventListener('click', () => this.#sendHex());
            $('lab-file-send').addEventListener('click', () => this.#sendFile());
            $('lab-large-send').addEventListener('click', () => actions.sendText(wire.fillerText(Number($('lab-size').value))));
            $('lab-close-send').addEventListener('click', () => this.#sendClose());
            $('lab-reconnect').addEventListener('click', () => actions.reconnect());
        }

        // Only WebSocket has frames to make; the tools also wait for the connection to be open.
        setAvailability({ isWebSocket, isOpen, canClose, extensions }) {
            this.#open = isOpen;
            this.#canClose = canClose;
            this.#extensions = extensions ?? '';
            $('lab-tools').disabled = !isWebSocket;
            $('lab-note').hidden = isWebSocket;
            $('lab-body').title = isWebSocket ? '' : t('lab.needsWebSocket');
            this.refresh();
        }

        refresh() {
            this.#refreshText();
            this.#refreshHex();
            this.#refreshFile();
            this.#refreshLarge();
            this.#refreshClose();
        }

        #refreshText() {
            const bytes = wire.utf8Length($('lab-text').value);
            setHint($('lab-text-hint'), frameHint('0x1', 'frame.text', bytes, this.#extensions));
            $('lab-text-send').disabled = !this.#open;
        }

        #refreshHex() {
            const parsed = wire.parseHex($('lab-hex').value);
            const input = $('lab-hex');
            input.setAttribute('aria-invalid', String(!parsed.ok));
            if (parsed.ok) setHint($('lab-hex-hint'), frameHint('0x2', 'frame.binary', parsed.bytes.length, this.#extensions));
            else setHint($('lab-hex-hint'), t(`hex.${parsed.error}`), 'error');
            $('lab-hex-send').disabled = !this.#open || !parsed.ok;
        }

        #refreshFile() {
            const hint = $('lab-file-hint');
            $('lab-file-name').textContent = this.#file ? this.#file.name : t('lab.file.none');
            if (!this.#file) setHint(hint, t('lab.file.hint'));
            else if (this.#file.size > SERVER_MESSAGE_LIMIT) {
                setHint(hint, `${frameHint('0x2', 'frame.binary', this.#file.size, this.#extensions)}\n${t('hint.tooBig')}`, 'warn');
            } else setHint(hint, frameHint('0x2', 'frame.binary', this.#file.size, this.#extensions));
            $('lab-file-send').disabled = !this.#open || !this.#file;
        }

        #refreshLarge() {
            setHint($('lab-large-hint'), frameHint('0x1', 'frame.text', Number($('lab-size').value), this.#extensions));
            $('lab-large-send').disabled = !this.#open;
        }

        #closeInput() {
            const choice = $('lab-close-code').value;
            const code = choice === 'custom' ? Number($('lab-close-custom').value) : Number(choice);
            const reason = $('lab-close-reason').value;
            const reasonBytes = wire.utf8Length(reason);
            if (!Number.isInteger(code) || (choice === 'custom' && (code < 3000 || code > 4999))) {
                return { ok: false, code, reason, reasonBytes, error: 'badCode' };
            }
            if (reasonBytes > wire.MAX_CLOSE_REASON_BYTES) return { ok: false, code, reason, reasonBytes, error: 'longReason' };
            return { ok: true, code, reason, reasonBytes };
        }

        #refreshClose() {
            const custom = $('lab-close-code').value === 'custom';
            $('lab-close-custom-row').hidden = !custom;
            const input = this.#closeInput();
            $('lab-close-send').disabled = !this.#canClose || !input.ok;
            $('lab-close-custom').setAttribute('aria-invalid', String(input.error === 'badCode'));
            $('lab-close-reason').setAttribute('aria-invalid', String(input.error === 'longReason'));
            $('lab-close-count').textContent = t('lab.close.count', { n: input.reasonBytes, max: wire.MAX_CLOSE_REASON_BYTES });
            $('lab-close-count').dataset.tone = input.error === 'longReason' ? 'error' : 'normal';
            const hint = $('lab-close-hint');
            if (input.error === 'badCode') setHint(hint, t('lab.close.badCode'), 'error');
            else if (input.error === 'longReason') setHint(hint, t('lab.close.longReason', { n: input.reasonBytes }), 'error');
            else if (input.code === 1001) setHint(hint, t('lab.close.browserOnly'), 'warn');
            else setHint(hint, t('hint.close', { n: input.reasonBytes, tier: '7' }));
        }

        #sendHex() {
            const parsed = wire.parseHex($('lab-hex').value);
            if (parsed.ok) this.#actions.sendBinary(parsed.bytes);
        }

        async #sendFile() {
            if (!this.#file) return;
            this.#actions.sendBinary(new Uint8Array(await this.#file.arrayBuffer()), this.#file.name);
        }

        #sendClose() {
            const input = this.#closeInput();
            if (input.ok) this.#actions.close(input.code, input.reason);
        }
    }

    // =============================================================================================
    // View: composer, nickname, transport and language switches
    class Composer {
        #input;
        #button;

        constructor(onSend) {
            const form = $('composer');
            this.#input = $('composer-input');
            this.#button = $('composer-send');
            form.addEventListener('submit', (event) => {
                event.preventDefault();
                const text = this.#input.value;
                if (text.trim() === '' || !onSend(text)) return;
                this.#input.value = '';
                this.#fit();
            });
            this.#input.addEventListener('keydown', (event) => {
                // Enter sends, Shift+Enter is a new line; an IME composing Chinese keeps its Enter.
                if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
                event.preventDefault();
                form.requestSubmit();
            });
            this.#input.addEventListener('input', () => this.#fit());
        }

        setEnabled(enabled) {
            this.#button.disabled = !enabled;
        }

        #fit() {
            const input = this.#input;
            input.style.height = 'auto';
            input.style.height = `${Math.min(input.scrollHeight, MAX_COMPOSER_HEIGHT)}px`;
            input.style.overflowY = input.scrollHeight > MAX_COMPOSER_HEIGHT ? 'auto' : 'hidden';
        }
    }

    class NickForm {
        #input;

        constructor(onRename) {
            this.#input = $('nick-input');
            $('nick-form').addEventListener('submit', (event) => {
                event.preventDefault();
                const nick = this.#input.value.trim();
                if (nick) onRename(nick);
            });
        }

        show(nick) {
            if (document.activeElement !== this.#input && nick) this.#input.value = nick;
        }
    }

    class TransportSwitch {
        constructor(onTransport, onInterval) {
            for (const radio of document.querySelectorAll('input[name="transport"]')) {
                radio.addEventListener('change', () => {
                    if (radio.checked) onTransport(radio.value);
                });
            }
            $('poll-interval').addEventListener('change', (event) => onInterval(Number(event.target.value)));
        }

        get kind() {
            return document.querySelector('input[name="transport"]:checked').value;
        }

        get intervalMs() {
            return Number($('poll-interval').value);
        }

        showKind(kind) {
            $('poll-interval').disabled = kind !== 'poll';
            $('interval-field').dataset.active = String(kind === 'poll');
        }
    }

    function setUpLanguageSwitch(onChange) {
        const buttons = document.querySelectorAll('[data-lang]');
        const show = () => {
            for (const button of buttons) button.setAttribute('aria-pressed', String(button.dataset.lang === i18n.lang));
        };
        for (const button of buttons) {
            button.addEventListener('click', () => {
                i18n.setLang(button.dataset.lang, { remember: true });
                show();
                onChange();
            });
        }
        show();
    }

    // =============================================================================================
    // Controller
    class App {
        #clientId = wire.randomHex(8);
        #reporter = new StatsReporter(this.#clientId);
        #transport = null;
        #lastState = { state: 'connecting' };
        #myNick = null;
        #desiredNick = null;
        #seen = new Set();
        #maxSeen = 0;

        constructor() {
            this.messages = new MessageList($('messages'), $('jump-latest'));
            this.status = new StatusView();
            this.counters = new CounterView();
            this.composer = new Composer((text) => this.#sendFromComposer(text));
            this.nickForm = new NickForm((nick) => this.#rename(nick));
            this.switcher = new TransportSwitch((kind) => this.#switchTransport(kind), (ms) => this.#setInterval(ms));
            this.lab = new FramesLab({
                sendText: (text) => this.#transport?.send(text),
                sendBinary: (bytes, fileName) => this.#sendBinary(bytes, fileName),
                close: (code, reason) => this.#transport?.close(code, reason),
                reconnect: () => this.#reconnect(),
            });
            $('banner-reconnect').addEventListener('click', () => this.#reconnect());
            setUpLanguageSwitch(() => this.#onLanguage());
        }

        start() {
            this.#connect(this.switcher.kind);
            this.#reporter.start(() => this.#transport);
            // Leaving the page: a polling member says goodbye (a WebSocket is closed by the browser,
            // 1001 Going Away, which the capture shows as it is). Back from the page cache, the next
            // poll joins again.
            addEventListener('pagehide', () => this.#transport?.leave?.());
        }

        #connect(kind) {
            const transport = createTransport(kind, {
                clientId: this.#clientId,
                nick: this.#desiredNick ?? this.#myNick ?? `guest-${this.#clientId.slice(0, 4)}`,
                intervalMs: this.switcher.intervalMs,
            });
            transport
                .on('state', (detail) => this.#onState(detail))
                .on('joined', (detail) => this.#onJoined(detail))
                .on('object', (detail) => this.#onObject(detail))
                .on('raw', (detail) => this.#onRaw(detail))
                .on('traffic', () => this.counters.schedule(transport))
                .on('notice', (detail) => this.#note(detail.tone, () => t(detail.key, detail.params)));
            this.#transport = transport;
            this.switcher.showKind(kind);
            this.counters.render(transport);
            transport.connect();
        }

        // `nextKind`: the transport that follows. Leaving HTTP for WebSocket ends the polling member;
        // between the two HTTP transports it stays.
        #teardown(nextKind) {
            if (!this.#transport) return;
            this.#reporter.flush(this.#transport);
            if (nextKind === 'websocket') this.#transport.leave?.();
            this.#transport.dispose();
            this.#transport = null;
        }

        #switchTransport(kind) {
            this.#teardown(kind);
            this.#note('info', () => t('note.switched', { transport: t(`transport.${kind}`) }));
            this.#connect(kind);
        }

        #reconnect() {
            const kind = this.#transport?.name ?? this.switcher.kind;
            this.#teardown(kind);
            this.#connect(kind);
        }

        #setInterval(ms) {
            if (this.#transport?.name === 'poll') this.#transport.intervalMs = ms;
        }

        #onState(detail) {
            this.#lastState = detail;
            this.#showState();
            if (detail.state === 'closed') this.#noteClose(detail);
        }

        #showState() {
            const transport = this.#transport;
            if (!transport) return;
            this.status.show(this.#lastState.state, describeState(this.#lastState, transport.name));
            this.composer.setEnabled(transport.isOpen);
            this.lab.setAvailability({
                isWebSocket: transport.name === 'websocket',
                isOpen: transport.isOpen,
                canClose: transport.canClose,
                extensions: transport.extensions,
            });
            this.counters.render(transport);
        }

        #noteClose(detail) {
            const name = this.#transport.name;
            const tone = describeState(detail, name).tone === 'error' ? 'error' : 'info';
            this.#note(tone, () => describeState(detail, name).banner.note);
        }

        #onJoined({ lastSeq, nick, id }) {
            // A smaller history than we have seen means the server restarted: seqs start over.
            if (lastSeq < this.#maxSeen) {
                this.#seen.clear();
                this.#maxSeen = 0;
            }
            this.#myNick = nick ?? this.#myNick;
            this.nickForm.show(this.#myNick);
            const transportKey = `transport.${this.#transport.name}`;
            if (id !== undefined) this.#note('info', () => t('note.welcome', { nick, id, transport: t(transportKey) }));
            else this.#note('info', () => t('note.joined', { nick, transport: t(transportKey) }));
            if (this.#transport.name === 'websocket' && this.#desiredNick && this.#desiredNick !== nick) {
                this.#transport.setNick(this.#desiredNick);
            }
        }

        // Switching transports replays the history; a seq already shown is not shown twice.
        #isDuplicate(seq) {
            if (!Number.isFinite(seq)) return false;
            if (this.#seen.has(seq)) return true;
            this.#seen.add(seq);
            this.#maxSeen = Math.max(this.#maxSeen, seq);
            return false;
        }

        #onObject({ object, live }) {
            if (this.#isDuplicate(object.seq)) return;
            const time = Number.isFinite(object.time) ? object.time : Date.now();
            switch (object.type) {
            case 'message': this.#onChatMessage(object, time, live); break;
            case 'join': this.#notice(time, () => t('notice.join', { nick: String(object.nick ?? '') })); break;
            case 'leave': this.#notice(time, () => t('notice.leave', { nick: String(object.nick ?? '') })); break;
            case 'nick': this.#onNickChange(object, time); break;
            default: this.messages.add({ kind: 'system', text: String(object.text ?? ''), time });
            }
        }

        // Latency = receipt time - the server's send time (same machine, same clock).
        #onChatMessage(object, time, live) {
            let latency = null;
            if (live && Number.isFinite(object.time)) {
                latency = Math.max(0, Date.now() - object.time);
                this.#transport.stats.addLatency(object.seq ?? 0, latency);
                this.counters.schedule(this.#transport);
            }
            const from = String(object.from ?? '');
            const own = from === this.#myNick && !object.private;
            // A private line (the desk's to this client only) has no seq: it is not in the room's history.
            this.messages.add({ kind: 'message', from, text: String(object.text ?? ''), time, latency, own, private: object.private === true });
        }

        #onNickChange(object, time) {
            const oldNick = String(object.old ?? '');
            const newNick = String(object.nick ?? '');
            if (oldNick === this.#myNick) {
                this.#myNick = newNick;
                this.#desiredNick = newNick;
                this.nickForm.show(newNick);
            }
            this.#notice(time, () => t('notice.nick', { old: oldNick, nick: newNick }));
        }

        #onRaw({ kind, text, bytes }) {
            const size = kind === 'binary' ? bytes.length : wire.utf8Length(text);
            this.messages.add({ kind: 'raw', frameKind: kind, text, bytes, size, time: Date.now() });
        }

        #notice(time, message) {
            this.messages.add({ kind: 'notice', message, time });
        }

        #note(tone, message) {
            this.messages.add({ kind: 'local', tone, message, time: Date.now() });
        }

        #rename(nick) {
            this.#desiredNick = nick;
            const transport = this.#transport;
            if (!transport) return;
            if (transport.name === 'websocket') {
                if (transport.isOpen) transport.setNick(nick);
                return;
            }
            transport.setNick(nick); // the next request carries nick=
            this.#myNick = nick;
        }

        // Over WebSocket the text is the frame's payload exactly; over HTTP, /nick becomes nick=.
        #sendFromComposer(text) {
            const transport = this.#transport;
            if (!transport?.isOpen) return false;
            const nickCommand = /^\/nick\s+(\S.*)$/s.exec(text);
            if (transport.name !== 'websocket' && nickCommand) {
                this.#rename(nickCommand[1].trim());
                this.nickForm.show(this.#myNick);
                return true;
            }
            transport.send(text);
            return true;
        }

        #sendBinary(bytes, fileName) {
            const transport = this.#transport;
            if (!transport?.sendBinary) return;
            if (!transport.sendBinary(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))) return;
            const size = bytesText(bytes.length);
            if (fileName) this.#note('info', () => t('note.sentFile', { name: fileName, size }));
            else this.#note('info', () => t('note.sentBinary', { size, hex: wire.toHex(bytes, 32) + (bytes.length > 32 ? ' …' : '') }));
        }

        #onLanguage() {
            i18n.apply(document);
            this.messages.rerender();
            this.#showState();
        }
    }

    function main() {
        i18n.apply(document);
        const app = new App();
        app.start();
    }

    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', main);
    else main();
})();
