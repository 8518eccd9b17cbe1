#include "proxy/requestrewriter.h"

#include <QTest>

using namespace wslab::proxy;

class tst_RequestRewriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rewritesHeadsWhateverThePieces_data();
    void rewritesHeadsWhateverThePieces();
    void nothingToRewriteChangesNothing();
    void interceptAsksForNoContextTakeover_data();
    void interceptAsksForNoContextTakeover();
};

void tst_RequestRewriter::rewritesHeadsWhateverThePieces_data()
{
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<QByteArray>("prefix");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<QStringList>("notes");

    const QByteArray get = "GET /chat HTTP/1.1\r\nHost: 127.0.0.1:8002\r\nAccept: */*\r\n\r\n";
    QTest::addRow("host only") << QByteArray("example.test:9001") << QByteArray() << get
                               << QByteArray("GET /chat HTTP/1.1\r\nHost: example.test:9001\r\nAccept: */*\r\n\r\n")
                               << QStringList{QStringLiteral("Host 127.0.0.1:8002 → example.test:9001")};
    QTest::addRow("prefix only") << QByteArray() << QByteArray("/api") << get
                                 << QByteArray("GET /api/chat HTTP/1.1\r\nHost: 127.0.0.1:8002\r\nAccept: */*\r\n\r\n")
                                 << QStringList{QStringLiteral("target /chat → /api/chat")};
    QTest::addRow("same host is no change") << QByteArray("127.0.0.1:8002") << QByteArray() << get << get
                                            << QStringList{};
    // Keep-alive: a body of Content-Length bytes passes untouched, the next head is rewritten too.
    const QByteArray post = "POST /send HTTP/1.1\r\nhost: a\r\nContent-Length: 16\r\n\r\nHost: not a head";
    QTest::addRow("body then next head")
            << QByteArray("b:1") << QByteArray() << post + get
            << QByteArray("POST /send HTTP/1.1\r\nHost: b:1\r\nContent-Length: 16\r\n\r\nHost: not a head"
                          "GET /chat HTTP/1.1\r\nHost: b:1\r\nAccept: */*\r\n\r\n")
            << QStringList{QStringLiteral("Host a → b:1"), QStringLiteral("Host 127.0.0.1:8002 → b:1")};
    // RFC 6455 §4.1: after an upgrade request come frames, which are never touched.
    const QByteArray upgrade = "GET /ws HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\n\r\n";
    const QByteArray frame("\x81\x85\x37\xfa\x21\x3d\x7f\x9f\x4d\x51\x58", 11);
    QTest::addRow("frames after an upgrade")
            << QByteArray("b:1") << QByteArray() << upgrade + frame + get
            << QByteArray("GET /ws HTTP/1.1\r\nHost: b:1\r\nUpgrade: websocket\r\n\r\n") + frame + get
            << QStringList{QStringLiteral("Host a → b:1")};
    const QByteArray chunked = "POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
    QTest::addRow("chunked body passes, later heads too")
            << QByteArray("b:1") << QByteArray() << chunked + get
            << QByteArray("POST /x HTTP/1.1\r\nHost: b:1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n") + get
            << QStringList{QStringLiteral("Host a → b:1")};
}

void tst_RequestRewriter::rewritesHeadsWhateverThePieces()
{
    QFETCH(QByteArray, host);
    QFETCH(QByteArray, prefix);
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    QFETCH(QStringList, notes);
    // Whole, byte by byte and in pieces of 7: the same bytes out and the same notes.
    for (const qsizetype piece : {input.size(), qsizetype(1), qsizetype(7)}) {
        RequestRewriter rewriter(host, prefix);
        QByteArray out;
        QStringList seen;
        for (qsizetype at = 0; at < input.size(); at += piece) {
            out += rewriter.feed(QByteArrayView(input).sliced(at, qMin(piece, input.size() - at)));
            seen += rewriter.takeNotes();
        }
        QCOMPARE(out, expected);
        QCOMPARE(seen, notes);
        QCOMPARE(rewriter.heldBytes(), 0);
    }
}

void tst_RequestRewriter::nothingToRewriteChangesNothing()
{
    QVERIFY(!RequestRewriter({}, {}).changesAnything());
    QVERIFY(RequestRewriter("h:1", {}).changesAnything());
    QVERIFY(RequestRewriter({}, "/p").changesAnything());
}

void tst_RequestRewriter::interceptAsksForNoContextTakeover_data()
{
    QTest::addColumn<QByteArray>("offer");
    QTest::addColumn<QByteArray>("expected"); // empty: the head passes unchanged
    QTest::addRow("plain offer") << QByteArray("permessage-deflate")
                                 << QByteArray("permessage-deflate; client_no_context_takeover; "
                                               "server_no_context_takeover");
    QTest::addRow("window bits kept, two offers")
            << QByteArray("permessage-deflate; client_max_window_bits, permessage-deflate")
            << QByteArray("permessage-deflate; client_max_window_bits; client_no_context_takeover; "
                          "server_no_context_takeover, permessage-deflate; client_no_context_takeover; "
                          "server_no_context_takeover");
    QTest::addRow("one already there")
            << QByteArray("permessage-deflate; client_no_context_takeover")
            << QByteArray("permessage-deflate; client_no_context_takeover; server_no_context_takeover");
    QTest::addRow("both already there")
            << QByteArray("permessage-deflate; server_no_context_takeover; client_no_context_takeover") << QByteArray();
    QTest::addRow("another extension only") << QByteArray("x-webkit-deflate-frame") << QByteArray();
}

// Intercept: each permessage-deflate offer asks both ends to compress every message on its own
// (RFC 7692 §7.1.1), and the request says what was changed and why.
void tst_RequestRewriter::interceptAsksForNoContextTakeover()
{
    QFETCH(QByteArray, offer);
    QFETCH(QByteArray, expected);
    const QByteArray head = "GET /ws HTTP/1.1\r\nHost: a\r\nSec-WebSocket-Extensions: " + offer
            + "\r\nUpgrade: websocket\r\n\r\n";
    RequestRewriter rewriter({}, {}, true);
    QVERIFY(rewriter.changesAnything());
    const QByteArray out = rewriter.feed(head);
    const QStringList notes = rewriter.takeNotes();
    if (expected.isEmpty()) {
        QCOMPARE(out, head);
        QVERIFY(notes.isEmpty());
        return;
    }
    QCOMPARE(out, QByteArray("GET /ws HTTP/1.1\r\nHost: a\r\nSec-WebSocket-Extensions: " + expected
                             + "\r\nUpgrade: websocket\r\n\r\n"));
    QCOMPARE(notes.size(), 1);
    QVERIFY(notes.constFirst().contains(QLatin1String("intercept")));
}

QTEST_GUILESS_MAIN(tst_RequestRewriter)
#include "tst_requestrewriter.moc"
