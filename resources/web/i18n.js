'use strict';
// Every string the page shows, in one dictionary: English and Simplified Chinese.
// The language follows ?lang=, then the remembered choice, then navigator.language.
(() => {
    const WsLab = (window.WsLab ??= {});
    const STORAGE_KEY = 'wslab.lang';

    const STRINGS = {
        en: {
            'app.subtitle': 'Chat with the desktop app and watch every frame in its inspector',
            'lang.label': 'Language',

            'transport.legend': 'Transport',
            'transport.websocket': 'WebSocket',
            'transport.longpoll': 'Long polling',
            'transport.poll': 'Polling',
            'poll.every': 'every',
            'poll.interval': 'Polling interval',

            'state.connecting': 'Connecting…',
            'state.open': 'Open',
            'state.closing': 'Closing…',
            'state.error': 'Error',
            'state.closedCode': 'Closed {code}',
            'state.stopped': 'Stopped',
            'state.failed': 'Failed',

            'counter.label': 'Traffic of this connection',
            'counter.frames': 'Frames',
            'counter.requests': 'Requests',
            'counter.sent': 'Sent',
            'counter.received': 'Received',
            'counter.latency': 'Latency',
            'counter.extensions': 'Extensions',
            'counter.endpoint': 'Endpoint',

            'nick.label': 'Nickname',
            'nick.placeholder': 'Your name',
            'nick.button': 'Rename',

            'messages.label': 'Messages',
            'jump.latest': 'New messages ↓',
            'composer.label': 'Message',
            'composer.placeholder': 'Write a message…',
            'composer.keys': 'Enter sends · Shift+Enter adds a line',
            'composer.send': 'Send',

            'banner.reconnect': 'Reconnect',
            'banner.handshakeFailed': 'The handshake failed: the browser refused the server’s response (check the inspector’s Handshake view).',
            'banner.dropped': 'The connection ended abnormally: no clean closing handshake.',
            'banner.closed': 'The connection is closed.',
            'banner.stopped': 'Stopped.',
            'banner.code': 'Close code {code}',
            'banner.code1006': 'Close code {code}. The browser reports 1006 when the connection drops, or when it fails the connection itself because a frame from the server broke a rule. 1006 never crosses the wire (RFC 6455 §7.1.5, §7.4.1): the inspector shows the close frames that did, e.g. 1002 both ways.',
            'banner.httpFailed': 'The request to {path} failed.',
            'banner.badAnswer': 'The answer from {path} is not the chat’s JSON.',
            'banner.networkFailed': 'The server at {path} cannot be reached.',

            'msg.you': 'You',
            'msg.private': '(to you only)',
            'msg.latency': '{ms} ms',
            'msg.showAll': 'Show all ({size})',
            'notice.join': '{nick} joined',
            'notice.leave': '{nick} left',
            'notice.nick': '{old} is now {nick}',
            'raw.text': 'Raw text frame',
            'raw.binary': 'Raw binary frame',
            'raw.empty': '(empty)',

            'note.handshakeFailed': 'Handshake failed · close code {code}',
            'note.dropped': 'Connection ended abnormally · close code {code} (reported by the browser, never sent on the wire)',
            'note.closed': 'Connection closed · close code {code}',
            'note.welcome': 'Connected over {transport} as {nick} (connection {id}).',
            'note.joined': 'Chatting over {transport} as {nick}.',
            'note.switched': 'Switched to {transport}.',
            'note.sendFailed': 'The message was not delivered: {error}.',
            'note.closeRefused': 'The browser refused to close with code {code} ({error}).',
            'note.sentBinary': 'You sent a binary frame, {size}: {hex}',
            'note.sentFile': 'You sent “{name}” as a binary frame, {size}.',

            'unit.bytes': '{n} bytes',
            'frame.text': 'text',
            'frame.binary': 'binary',
            'hint.frame': 'opcode {opcode} {kind} · {bytes} · {tier}-bit length · {wire} on the wire',
            'hint.deflate': '(before permessage-deflate)',
            'hint.fragments': 'The browser may split a message this big into a 0x1 frame and 0x0 continuation frames.',
            'hint.tooBig': 'Over the server’s 16 MiB limit: expect close 1009.',
            'hint.close': 'opcode 0x8 close · 2 + {n} bytes · 7-bit length',
            'hex.badDigit': 'Only hex digits, e.g. “de ad be ef”.',
            'hex.oddDigits': 'Each byte needs two hex digits.',

            'lab.title': 'Frames lab',
            'lab.subtitle': 'One frame per button — watch it in the inspector',
            'lab.needsWebSocket': 'The frames lab needs the WebSocket transport.',
            'lab.text.title': 'Text frame',
            'lab.text.label': 'Text to send',
            'lab.text.send': 'Send text',
            'lab.binary.title': 'Binary frame',
            'lab.hex.label': 'Bytes in hex',
            'lab.hex.send': 'Send bytes',
            'lab.file.label': 'Or a file',
            'lab.file.send': 'Send file',
            'lab.file.choose': 'Choose file…',
            'lab.file.none': 'No file chosen',
            'lab.file.hint': 'The whole file goes out as one binary message.',
            'lab.large.title': 'Large message',
            'lab.large.label': 'Size',
            'lab.large.send': 'Send large message',
            'lab.close.title': 'Close frame',
            'lab.close.code': 'Code',
            'lab.close.custom': 'Custom',
            'lab.close.reason': 'Reason',
            'lab.close.count': '{n} / {max} bytes',
            'lab.close.send': 'Close connection',
            'lab.close.opt1000': '1000 · Normal closure',
            'lab.close.opt1001': '1001 · Going away',
            'lab.close.opt3000': '3000 · registered range',
            'lab.close.opt4000': '4000 · private use',
            'lab.close.optCustom': 'Custom 3000–4999…',
            'lab.close.badCode': 'A custom code is a whole number from 3000 to 4999.',
            'lab.close.longReason': 'The reason is {n} bytes; a close frame leaves room for 123.',
            'lab.close.browserOnly': 'Pages may only send 1000 or 3000–4999; the browser sends 1001 itself when you leave the page. Try it and see the error.',
            'lab.reconnect.title': 'New connection',
            'lab.reconnect.send': 'Reconnect',
            'lab.reconnect.hint': 'New TCP connection and opening handshake: GET /chatsocket → 101 Switching Protocols',

            'close.1000': 'Normal closure',
            'close.1001': 'Going away',
            'close.1002': 'Protocol error',
            'close.1003': 'Unsupported data',
            'close.1005': 'No status received',
            'close.1006': 'Abnormal closure',
            'close.1007': 'Invalid payload data',
            'close.1008': 'Policy violation',
            'close.1009': 'Message too big',
            'close.1010': 'Mandatory extension',
            'close.1011': 'Internal error',
            'close.1015': 'TLS handshake',
            'close.range3000': 'registered range',
            'close.range4000': 'private use',
        },
        zh: {
            'app.subtitle': '与桌面应用聊天，并在它的检查器中查看每一帧',
            'lang.label': '语言',

            'transport.legend': '传输方式',
            'transport.websocket': 'WebSocket',
            'transport.longpoll': '长轮询',
            'transport.poll': '轮询',
            'poll.every': '间隔',
            'poll.interval': '轮询间隔',

            'state.connecting': '正在连接…',
            'state.open': '已连接',
            'state.closing': '正在关闭…',
            'state.error': '错误',
            'state.closedCode': '已关闭 {code}',
            'state.stopped': '已停止',
            'state.failed': '失败',

            'counter.label': '本连接的流量',
            'counter.frames': '帧',
            'counter.requests': '请求',
            'counter.sent': '发送',
            'counter.received': '接收',
            'counter.latency': '延迟',
            'counter.extensions': '扩展',
            'counter.endpoint': '端点',

            'nick.label': '昵称',
            'nick.placeholder': '你的名字',
            'nick.button': '改名',

            'messages.label': '消息',
            'jump.latest': '有新消息 ↓',
            'composer.label': '消息',
            'composer.placeholder': '输入消息…',
            'composer.keys': 'Enter 发送 · Shift+Enter 换行',
            'composer.send': '发送',

            'banner.reconnect': '重新连接',
            'banner.handshakeFailed': '握手失败：浏览器拒绝了服务器的响应（请查看检查器的“握手”视图）。',
            'banner.dropped': '连接异常结束：没有完成正常的关闭握手。',
            'banner.closed': '连接已关闭。',
            'banner.stopped': '已停止。',
            'banner.code': '关闭码 {code}',
            'banner.code1006': '关闭码 {code}。连接断开时，或者服务器发来的帧违反规则、浏览器自己让连接失败时，浏览器都会报告 1006。1006 从不在线路上传输（RFC 6455 §7.1.5、§7.4.1）：检查器里显示的是真正传过的关闭帧，例如双向的 1002。',
            'banner.httpFailed': '对 {path} 的请求失败。',
            'banner.badAnswer': '{path} 的响应不是聊天室的 JSON。',
            'banner.networkFailed': '无法连接到 {path} 所在的服务器。',

            'msg.you': '我',
            'msg.private': '（仅发给你）',
            'msg.latency': '{ms} 毫秒',
            'msg.showAll': '显示全部（{size}）',
            'notice.join': '{nick} 加入了',
            'notice.leave': '{nick} 离开了',
            'notice.nick': '{old} 改名为 {nick}',
            'raw.text': '原始文本帧',
            'raw.binary': '原始二进制帧',
            'raw.empty': '（空）',

            'note.handshakeFailed': '握手失败 · 关闭码 {code}',
            'note.dropped': '连接异常结束 · 关闭码 {code}（由浏览器报告，从不在线路上发送）',
            'note.closed': '连接已关闭 · 关闭码 {code}',
            'note.welcome': '已通过{transport}连接，昵称 {nick}（连接 {id}）。',
            'note.joined': '正在通过{transport}聊天，昵称 {nick}。',
            'note.switched': '已切换到{transport}。',
            'note.sendFailed': '消息未送达：{error}。',
            'note.closeRefused': '浏览器拒绝以关闭码 {code} 关闭（{error}）。',
            'note.sentBinary': '你发送了一个二进制帧，{size}：{hex}',
            'note.sentFile': '你以二进制帧发送了“{name}”，{size}。',

            'unit.bytes': '{n} 字节',
            'frame.text': '文本',
            'frame.binary': '二进制',
            'hint.frame': '操作码 {opcode}（{kind}）· {bytes} · {tier} 位长度 · 线上共 {wire}',
            'hint.deflate': '（permessage-deflate 压缩前）',
            'hint.fragments': '这么大的消息，浏览器可能拆成一个 0x1 帧和若干 0x0 延续帧。',
            'hint.tooBig': '超过服务器 16 MiB 的上限：预计以 1009 关闭。',
            'hint.close': '操作码 0x8（关闭）· 2 + {n} 字节 · 7 位长度',
            'hex.badDigit': '只能输入十六进制数字，例如 “de ad be ef”。',
            'hex.oddDigits': '每个字节需要两位十六进制数字。',

            'lab.title': '帧实验室',
            'lab.subtitle': '每个按钮发送一帧，在检查器中观察它',
            'lab.needsWebSocket': '帧实验室需要使用 WebSocket 传输。',
            'lab.text.title': '文本帧',
            'lab.text.label': '要发送的文本',
            'lab.text.send': '发送文本',
            'lab.binary.title': '二进制帧',
            'lab.hex.label': '十六进制字节',
            'lab.hex.send': '发送字节',
            'lab.file.label': '或选择文件',
            'lab.file.send': '发送文件',
            'lab.file.choose': '选择文件…',
            'lab.file.none': '未选择文件',
            'lab.file.hint': '整个文件作为一条二进制消息发送。',
            'lab.large.title': '大消息',
            'lab.large.label': '大小',
            'lab.large.send': '发送大消息',
            'lab.close.title': '关闭帧',
            'lab.close.code': '关闭码',
            'lab.close.custom': '自定义',
            'lab.close.reason': '原因',
            'lab.close.count': '{n} / {max} 字节',
            'lab.close.send': '关闭连接',
            'lab.close.opt1000': '1000 · 正常关闭',
            'lab.close.opt1001': '1001 · 离开',
            'lab.close.opt3000': '3000 · 注册范围',
            'lab.close.opt4000': '4000 · 私有范围',
            'lab.close.optCustom': '自定义 3000–4999…',
            'lab.close.badCode': '自定义关闭码须为 3000 到 4999 之间的整数。',
            'lab.close.longReason': '原因有 {n} 字节；关闭帧最多只能容纳 123 字节。',
            'lab.close.browserOnly': '网页只能发送 1000 或 3000–4999；离开页面时浏览器会自己发送 1001。试试看会出现什么错误。',
            'lab.reconnect.title': '新连接',
            'lab.reconnect.send': '重新连接',
            'lab.reconnect.hint': '新的 TCP 连接和打开握手：GET /chatsocket → 101 Switching Protocols',

            'close.1000': '正常关闭',
            'close.1001': '离开',
            'close.1002': '协议错误',
            'close.1003': '不支持的数据',
            'close.1005': '未收到状态码',
            'close.1006': '异常关闭',
            'close.1007': '无效的负载数据',
            'close.1008': '违反策略',
            'close.1009': '消息过大',
            'close.1010': '缺少必需的扩展',
            'close.1011': '服务器内部错误',
            'close.1015': 'TLS 握手失败',
            'close.range3000': '注册范围',
            'close.range4000': '私有范围',
        },
    };

    function initialLang() {
        const fromQuery = new URLSearchParams(location.search).get('lang');
        if (fromQuery in STRINGS) return fromQuery;
        let remembered = null;
        try {
            remembered = localStorage.getItem(STORAGE_KEY);
        } catch {
            // storage can be disabled; the browser's language still works
        }
        if (remembered in STRINGS) return remembered;
        return (navigator.language || 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en';
    }

    const i18n = {
        lang: 'en',

        has(key) {
            return key in STRINGS[this.lang] || key in STRINGS.en;
        },

        // t('notice.join', {nick: 'ada'}) -> "ada joined". Parameters are inserted as text.
        t(key, params = {}) {
            const template = STRINGS[i18n.lang][key] ?? STRINGS.en[key] ?? key;
            return template.replace(/\{(\w+)\}/g, (match, name) => (name in params ? String(params[name]) : match));
        },

        setLang(lang, { remember = false } = {}) {
            if (!(lang in STRINGS)) return;
            this.lang = lang;
            document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
            if (!remember) return;
            try {
                localStorage.setItem(STORAGE_KEY, lang);
            } catch {
                // not remembered; the switch still works for this page
            }
        },

        // Static markup names its strings: data-i18n (text), data-i18n-placeholder, -title, -aria-label.
        apply(root) {
            for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = i18n.t(node.dataset.i18n);
            for (const node of root.querySelectorAll('[data-i18n-placeholder]')) node.placeholder = i18n.t(node.dataset.i18nPlaceholder);
            for (const node of root.querySelectorAll('[data-i18n-title]')) node.title = i18n.t(node.dataset.i18nTitle);
            for (const node of root.querySelectorAll('[data-i18n-aria-label]')) {
                node.setAttribute('aria-label', i18n.t(node.dataset.i18nAriaLabel));
            }
        },

        strings: STRINGS,
    };

    i18n.setLang(initialLang());
    WsLab.i18n = i18n;
})();
