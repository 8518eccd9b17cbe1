// Autobahn section 5, fragmentation (RFC 6455 §5.4): a message is one text or binary frame followed
// by continuations, the last with FIN; control frames may come between fragments and are answered
// at once; control frames themselves "MUST NOT be fragmented"; a continuation needs a message in
// progress and a new data frame needs none. Every broken rule ends the connection with 1002.

#include "conformancecase.h"

using namespace wslab::conformance;

class TestConformanceFragmentation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.start()); }
    void cleanupTestCase() { m_server.stop(); }
    void fragmentation_data();
    void fragmentation();

private:
    EchoServer m_server;
};

namespace {

QByteArray first(const QByteArray &payload, Opcode opcode = Opcode::Text) { return frame(opcode, payload, false); }
QByteArray middle(const QByteArray &payload) { return frame(Opcode::Continuation, payload, false); }
QByteArray last(const QByteArray &payload) { return frame(Opcode::Continuation, payload, true); }

} // namespace

void TestConformanceFragmentation::fragmentation_data()
{
    QTest::addColumn<ConformanceCase>("testCase");

    // §5.5: "Control frames themselves MUST NOT be fragmented."
    QTest::addRow("5.1 ping in two fragments")
            << closesWith({whole(rawFrame(Opcode::Ping, "frag", false) + last("ment"))}, {}, {1002});
    QTest::addRow("5.2 pong in two fragments")
            << closesWith({whole(rawFrame(Opcode::Pong, "frag", false) + last("ment"))}, {}, {1002});
    QTest::addRow("5.3 close in two fragments")
            << closesWith({whole(rawFrame(Opcode::Close, QByteArray::fromHex("03e8"), false) + last("ment"))}, {},
                          {1002});

    const QByteArray twoFragments = first("fragment1") + last("fragment2");
    QTest::addRow("5.4 text in two fragments") << staysOpen({whole(twoFragments)}, {text("fragment1fragment2")});
    QTest::addRow("5.5 text in two fragments, 1 B chunks")
            << staysOpen({chunked(twoFragments, 1, 1)}, {text("fragment1fragment2")});
    QTest::addRow("5.6 text in two fragments, 20 ms apart")
            << staysOpen({chunked(first("fragment1"), 0, 20), whole(last("fragment2"))}, {text("fragment1fragment2")});
    QTest::addRow("5.7 binary in two fragments")
            << staysOpen({whole(first(QByteArray::fromHex("00ff"), Opcode::Binary) + last(QByteArray::fromHex("fe01")))},
                         {binary(QByteArray::fromHex("00fffe01"))});

    // §5.4: "Control frames MAY be injected in the middle of a fragmented message."
    const QByteArray withPing = first("fragment1") + frame(Opcode::Ping, "ping payload") + last("fragment2");
    QTest::addRow("5.8 text fragments, ping between")
            << staysOpen({whole(withPing)}, {pong("ping payload"), text("fragment1fragment2")});
    QTest::addRow("5.9 text fragments, ping between, 1 B chunks")
            << staysOpen({chunked(withPing, 1, 1)}, {pong("ping payload"), text("fragment1fragment2")});
    // The pong must not wait for the message to finish.
    QTest::addRow("5.10 text fragment, ping, pong before the last fragment")
            << staysOpen({chunked(first("fragment1") + frame(Opcode::Ping, "now"), 0, 20), whole(last("fragment2"))},
                         {pong("now"), text("fragment1fragment2")});
    QTest::addRow("5.11 text fragments, unsolicited pong between")
            << staysOpen({whole(first("fragment1") + frame(Opcode::Pong, "ignored") + last("fragment2"))},
                         {text("fragment1fragment2")});
    QByteArray fivePieces = first("f1");
    QList<Received> fivePongs;
    for (int i = 2; i <= 5; ++i) {
        const QByteArray ping = "ping " + QByteArray::number(i);
        fivePieces += frame(Opcode::Ping, ping) + (i < 5 ? middle("f" + QByteArray::number(i)) : last("f5"));
        fivePongs.append(pong(ping));
    }
    QTest::addRow("5.12 text in five fragments, a ping before each continuation")
            << staysOpen({whole(fivePieces)}, fivePongs + QList<Received>{text("f1f2f3f4f5")});
    QTest::addRow("5.13 text in five fragments, a ping before each continuation, 1 B chunks")
            << staysOpen({chunked(fivePieces, 1, 1)}, fivePongs + QList<Received>{text("f1f2f3f4f5")});

    // §5.4: a continuation belongs to a message in progress.
    QTest::addRow("5.14 continuation with FIN, no message in progress")
            << closesWith({whole(last("orphan"))}, {}, {1002});
    QTest::addRow("5.15 continuation without FIN, no message in progress")
            << closesWith({whole(middle("orphan"))}, {}, {1002});
    QTest::addRow("5.16 continuation, no message in progress, 1 B chunks")
            << closesWith({chunked(last("orphan") + frame(Opcode::Ping, "no answer"), 1, 1)}, {}, {1002});
    QTest::addRow("5.17 text in two fragments, then a continuation")
            << closesWith({whole(twoFragments + last("orphan") + frame(Opcode::Ping, "no answer"))},
                          {text("fragment1fragment2")}, {1002});
    QTest::addRow("5.18 text, then a continuation")
            << closesWith({whole(frame(Opcode::Text, "whole") + middle("orphan") + last("orphan"))}, {text("whole")},
                          {1002});
    // §5.4: "the fragments of one message MUST NOT be interleaved between the fragments of another".
    QTest::addRow("5.19 text fragment, then a new text with FIN")
            << closesWith({whole(first("fragment1") + frame(Opcode::Text, "intruder"))}, {}, {1002});
    QTest::addRow("5.20 text fragment, then a new text without FIN")
            << closesWith({whole(first("fragment1") + first("intruder") + last("fragment2"))}, {}, {1002});
    QTest::addRow("5.21 binary fragment, then a new binary")
            << closesWith({whole(first("a", Opcode::Binary) + frame(Opcode::Binary, "b"))}, {}, {1002});
    QTest::addRow("5.22 text fragment, then binary with FIN")
            << closesWith({whole(first("fragment1") + frame(Opcode::Binary, "intruder"))}, {}, {1002});

    // Many tiny fragments and empty ones make one message.
    const QByteArray alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    QTest::addRow("5.23 text in %lld 1-byte fragments", qlonglong(alphabet.size()))
            << staysOpen({whole(fragmented(Opcode::Text, alphabet, 1))}, {text(alphabet)});
    QTest::addRow("5.24 binary in 300 1-byte fragments, 7 B chunks")
            << staysOpen({chunked(fragmented(Opcode::Binary, binaryPayload(300), 1), 7)}, {binary(binaryPayload(300))});
    QTest::addRow("5.25 text of empty fragments")
            << staysOpen({whole(first({}) + middle({}) + last({}))}, {text({})});
    QTest::addRow("5.26 text with empty first and last fragments")
            << staysOpen({whole(first({}) + middle("middle") + last({}))}, {text("middle")});
    QTest::addRow("5.27 binary with empty fragments around data")
            << staysOpen({whole(first({}, Opcode::Binary) + middle({}) + middle("\x01") + middle({}) + last("\x02"))},
                         {binary("\x01\x02")});
    QTest::addRow("5.28 two fragmented messages in a row")
            << staysOpen({whole(twoFragments + first("\x01", Opcode::Binary) + last("\x02"))},
                         {text("fragment1fragment2"), binary("\x01\x02")});

    // A close between fragments is a close (§5.4 allows it there); the unfinished message is dropped.
    QTest::addRow("5.29 text fragment, close")
            << closesWith({whole(first("unfinished") + closeFrame(1000))}, {}, {1000});
}

void TestConformanceFragmentation::fragmentation()
{
    QFETCH(ConformanceCase, testCase);
    runCase(m_server.port(), testCase);
}

QTEST_GUILESS_MAIN(TestConformanceFragmentation)
#include "tst_conformance_fragmentation.moc"
