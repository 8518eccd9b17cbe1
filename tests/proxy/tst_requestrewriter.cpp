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

QTEST_GUILESS_MAIN(tst_RequestRewriter)
#include "tst_requestrewriter.moc"
