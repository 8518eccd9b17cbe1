// Autobahn section 9 in spirit, limits and volume: RFC 6455 §10.4, "implementations SHOULD impose
// implementation-specific limits on frame sizes and the total message size after reassembly",
// closing with 1009 (§7.4.1, "a message that is too big for it to process"). The frame limit is
// decided from the header alone, before any payload arrives. Within the limits, long runs of large
// messages and large fragmented messages are echoed intact.

#include "conformancecase.h"

using namespace wslab::conformance;

namespace {

constexpr qint64 maxFrame = 64 * 1024;
constexpr qint64 maxMessage = 4 * 1024 * 1024;

// A 64 KiB payload that differs from its neighbours in its first bytes, so a dropped, repeated or
// reordered echo cannot match.
QByteArray numberedPayload(int index, qsizetype size)
{
    QByteArray payload = binaryPayload(size);
    const QByteArray tag = QByteArray::number(index).rightJustified(8, '0');
    payload.replace(0, tag.size(), tag);
    return payload;
}

} // namespace

class TestConformanceLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        auto settings = EchoServer::defaultSettings();
        settings.maxFramePayload = maxFrame;
        settings.maxMessageSize = maxMessage;
        QVERIFY(m_server.start(settings));
    }
    void cleanupTestCase() { m_server.stop(); }
    void limits_data();
    void limits();

private:
    EchoServer m_server;
};

void TestConformanceLimits::limits_data()
{
    QTest::addColumn<ConformanceCase>("testCase");

    // Only the header is sent: the server has every reason to refuse and no payload to wait for.
    QTest::addRow("9.1.1 text header announcing max frame + 1, no payload")
            << closesWith({whole(headerOnly(Opcode::Text, maxFrame + 1))}, {}, {1009});
    QTest::addRow("9.1.2 binary header announcing max frame + 1, no payload")
            << closesWith({whole(headerOnly(Opcode::Binary, maxFrame + 1))}, {}, {1009});
    QTest::addRow("9.1.3 binary header announcing 4 GiB, no payload")
            << closesWith({whole(headerOnly(Opcode::Binary, 4ull * 1024 * 1024 * 1024))}, {}, {1009});
    QTest::addRow("9.1.4 continuation header announcing max frame + 1, no payload")
            << closesWith({whole(frame(Opcode::Binary, "start", false) + headerOnly(Opcode::Continuation, maxFrame + 1))},
                          {}, {1009});
    QTest::addRow("9.1.5 text of exactly max frame bytes")
            << staysOpen({whole(frame(Opcode::Text, asciiPayload(maxFrame)))}, {text(asciiPayload(maxFrame))});

    // The message limit applies to the reassembled message, each frame being within its own limit.
    const QByteArray tooBig = binaryPayload(maxMessage + 1);
    QTest::addRow("9.2.1 binary of max message + 1 bytes in 64 KiB fragments")
            << closesWith({chunked(fragmented(Opcode::Binary, tooBig, maxFrame), maxFrame)}, {}, {1009});
    QTest::addRow("9.2.2 text of max message + 1 bytes in 64 KiB fragments")
            << closesWith({chunked(fragmented(Opcode::Text, asciiPayload(maxMessage + 1), maxFrame), maxFrame)}, {},
                          {1009});
    const QByteArray atLimit = binaryPayload(maxMessage);
    QTest::addRow("9.2.3 binary of 4 MiB in 64 KiB fragments")
            << staysOpen({whole(fragmented(Opcode::Binary, atLimit, maxFrame))}, {binary(atLimit)});
    QTest::addRow("9.2.4 text of 4 MiB in 64 KiB fragments, 997 B chunks")
            << staysOpen({chunked(fragmented(Opcode::Text, asciiPayload(maxMessage), maxFrame), 997)},
                         {text(asciiPayload(maxMessage))});

    QByteArray hundred;
    QList<Received> echoes;
    for (int i = 0; i < 100; ++i) {
        const QByteArray payload = numberedPayload(i, maxFrame);
        hundred += frame(Opcode::Binary, payload);
        echoes.append(binary(payload));
    }
    QTest::addRow("9.3.1 100 binary messages of 64 KiB in a row") << staysOpen({whole(hundred)}, echoes);
    QTest::addRow("9.3.2 100 binary messages of 64 KiB, 64 KiB chunks")
            << staysOpen({chunked(hundred, maxFrame)}, echoes);
}

void TestConformanceLimits::limits()
{
    QFETCH(ConformanceCase, testCase);
    runCase(m_server.port(), testCase);
}

QTEST_GUILESS_MAIN(TestConformanceLimits)
#include "tst_conformance_limits.moc"
