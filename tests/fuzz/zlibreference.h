#pragma once

// zlib used directly, as the reference the permessage-deflate targets compare PerMessageDeflate
// with: a raw DEFLATE compressor that ends each message as RFC 7692 §7.2.1 says, and the receiver
// of §7.2.2 in its plainest form (append 00 00 ff ff, inflate with a sync flush).

#include <QByteArray>
#include <QByteArrayView>

#include <zlib.h>

#include <optional>

namespace wslab::fuzz {

class ZlibDeflater
{
public:
    ZlibDeflater(int windowBits, int level, int memLevel, int strategy)
    {
        deflateInit2(&m_z, level, Z_DEFLATED, -windowBits, memLevel, strategy);
    }
    ~ZlibDeflater() { deflateEnd(&m_z); }
    ZlibDeflater(const ZlibDeflater &) = delete;
    ZlibDeflater &operator=(const ZlibDeflater &) = delete;

    // DEFLATE with a sync flush, minus its 00 00 ff ff; an empty message is the one byte 00.
    QByteArray compress(QByteArrayView message)
    {
        if (message.isEmpty())
            return QByteArray(1, '\0'); // zlib writes no second empty block for a second empty flush
        QByteArray out(qsizetype(deflateBound(&m_z, uLong(message.size()))) + 16, Qt::Uninitialized);
        m_z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(message.data()));
        m_z.avail_in = uInt(message.size());
        qsizetype written = 0;
        do {
            if (written == out.size())
                out.resize(out.size() * 2);
            m_z.next_out = reinterpret_cast<Bytef *>(out.data() + written);
            m_z.avail_out = uInt(out.size() - written);
            const uInt offered = m_z.avail_out;
            deflate(&m_z, Z_SYNC_FLUSH);
            written += qsizetype(offered - m_z.avail_out);
        } while (m_z.avail_in > 0 || m_z.avail_out == 0);
        out.truncate(written - 4);
        return out;
    }
    void reset() { deflateReset(&m_z); } // no context takeover (RFC 7692 §7.1.1)

private:
    z_stream m_z{};
};

class ZlibInflater
{
public:
    explicit ZlibInflater(int windowBits) { inflateInit2(&m_z, -windowBits); }
    ~ZlibInflater() { inflateEnd(&m_z); }
    ZlibInflater(const ZlibInflater &) = delete;
    ZlibInflater &operator=(const ZlibInflater &) = delete;

    struct Result
    {
        QByteArray output;         // at most limit + 1 bytes
        bool failed = false;       // not DEFLATE, or reaching beyond the window
        bool streamEnded = false;  // a block with BFINAL set: zlib's stream is over
    };

    // The payload plus 00 00 ff ff, inflated until the input is used up, an error, the end of the
    // DEFLATE stream, or more than `limit` bytes of output.
    Result inflate(QByteArrayView payload, qsizetype limit)
    {
        QByteArray input = payload.toByteArray() + QByteArray("\x00\x00\xff\xff", 4);
        m_z.next_in = reinterpret_cast<Bytef *>(input.data());
        m_z.avail_in = uInt(input.size());
        Result result;
        char chunk[4096];
        while (result.output.size() <= limit) {
            m_z.next_out = reinterpret_cast<Bytef *>(chunk);
            m_z.avail_out = sizeof chunk;
            const int rc = ::inflate(&m_z, Z_SYNC_FLUSH);
            result.output.append(chunk, qsizetype(sizeof chunk - m_z.avail_out));
            if (rc == Z_STREAM_END) {
                result.streamEnded = true;
                break;
            }
            if (rc != Z_OK && rc != Z_BUF_ERROR) {
                result.failed = true;
                break;
            }
            if (m_z.avail_in == 0 && m_z.avail_out != 0)
                break; // all input read and nothing more to give
        }
        return result;
    }
    void reset() { inflateReset(&m_z); }

private:
    z_stream m_z{};
};

} // namespace wslab::fuzz
