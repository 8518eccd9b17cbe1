'use strict';
// Pure helpers about bytes on the wire: sizes, length tiers, hex. No DOM, no network.
(() => {
    const WsLab = (window.WsLab ??= {});

    // RFC 6455 §5.5: control frames carry at most 125 bytes; a close payload is a 2-byte code plus
    // the reason, so the reason gets 123 UTF-8 bytes.
    const MAX_CLOSE_REASON_BYTES = 123;

    // Bytes of the UTF-8 encoding (RFC 3629), counted without allocating: 1 MiB messages are normal
    // here. A lone surrogate counts 3 bytes, as the browser sends it as U+FFFD.
    function utf8Length(text) {
        let bytes = 0;
        for (let i = 0; i < text.length; ++i) {
            const unit = text.charCodeAt(i);
            if (unit < 0x80) {
                bytes += 1;
            } else if (unit < 0x800) {
                bytes += 2;
            } else if (unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
                bytes += 4;
                ++i;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    function isLowSurrogate(unit) {
        return unit >= 0xdc00 && unit <= 0xdfff;
    }

    // RFC 6455 §5.2: a payload length up to 125 fits in the 7-bit field; 126 announces a 16-bit
    // extended length, 127 a 64-bit one.
    function lengthTier(payloadBytes) {
        if (payloadBytes <= 125) return '7';
        if (payloadBytes <= 0xffff) return '7+16';
        return '7+64';
    }

    // Header bytes of one frame: 2 / 4 / 10 by length tier, plus the 4-byte masking key that every
    // client-to-server frame carries (RFC 6455 §5.3).
    function frameHeaderSize(payloadBytes, masked) {
        const base = payloadBytes <= 125 ? 2 : payloadBytes <= 0xffff ? 4 : 10;
        return base + (masked ? 4 : 0);
    }

    // "de ad be ef", "deadbeef", "de:ad:be:ef", "0xde, 0xad" all give the same four bytes.
    function parseHex(input) {
        const digits = input
            .split(/[\s,:;-]+/)
            .filter(Boolean)
            .map((token) => token.replace(/^0x/i, ''))
            .join('');
        if (!/^[0-9a-f]*$/i.test(digits)) return { ok: false, error: 'badDigit' };
        if (digits.length % 2 !== 0) return { ok: false, error: 'oddDigits' };
        const bytes = new Uint8Array(digits.length / 2);
        for (let i = 0; i < bytes.length; ++i) {
            bytes[i] = Number.parseInt(digits.slice(2 * i, 2 * i + 2), 16);
        }
        return { ok: true, bytes };
    }

    function toHex(bytes, maxBytes = Infinity) {
        const shown = bytes.subarray(0, Math.min(bytes.length, maxBytes));
        return Array.from(shown, (b) => b.toString(16).padStart(2, '0')).join(' ');
    }

    function randomHex(byteCount) {
        const bytes = crypto.getRandomValues(new Uint8Array(byteCount));
        return toHex(bytes).replaceAll(' ', '');
    }

    // Readable ASCII text of exactly `byteCount` bytes ("wslab wslab wsl").
    function fillerText(byteCount) {
        const word = 'wslab ';
        return word.repeat(Math.ceil(byteCount / word.length)).slice(0, byteCount);
    }

    function formatBytes(count) {
        if (count < 1024) return `${count} B`;
        if (count < 1024 * 1024) return `${(count / 1024).toFixed(count < 10 * 1024 ? 1 : 0)} KiB`;
        return `${(count / (1024 * 1024)).toFixed(1)} MiB`;
    }

    WsLab.wire = {
        MAX_CLOSE_REASON_BYTES,
        utf8Length,
        lengthTier,
        frameHeaderSize,
        parseHex,
        toHex,
        randomHex,
        fillerText,
        formatBytes,
    };
})();
