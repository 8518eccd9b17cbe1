#include "server/protocol/acceptderivation.h"

#include <QTest>

using namespace wslab::protocol;

class tst_AcceptDerivation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void derivesAccept_data();
    void derivesAccept();
    void keepsEveryStep();
    void guidIsTheRfcConstant();
};

void tst_AcceptDerivation::derivesAccept_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("sha1Hex");
    QTest::addColumn<QByteArray>("accept");

    // RFC 6455 §1.3.
    QTest::addRow("rfc6455 section 1.3") << QByteArray("dGhlIHNhbXBsZSBub25jZQ==")
                                         << QByteArray("b37a4f2cc0624f1690f64606cf385945b2bec4ea")
                                         << QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    // The example handshake most tutorials quote (also checked with sha1sum and openssl).
    QTest::addRow("tutorial example") << QByteArray("x3JJHMbDL1EzLkh9GBhXDw==")
                                      << QByteArray("1d29ab734b0c9585240069a6e4e3e91b61da1969")
                                      << QByteArray("HSmrc0sMlYUkAGmm5OPpG2HaGWk=");
}

void tst_AcceptDerivation::derivesAccept()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, sha1Hex);
    QFETCH(QByteArray, accept);

    const AcceptDerivation derivation = deriveAccept(key);
    QCOMPARE(derivation.sha1Hex, sha1Hex);
    QCOMPARE(derivation.accept, accept);
}

void tst_AcceptDerivation::keepsEveryStep()
{
    const QByteArray key = "dGhlIHNhbXBsZSBub25jZQ==";
    const AcceptDerivation derivation = deriveAccept(key);

    QCOMPARE(derivation.key, key);
    // The key is hashed as base64 text, not decoded (RFC 6455 §4.2.2 /key/).
    QCOMPARE(derivation.keyWithGuid, QByteArray("dGhlIHNhbXBsZSBub25jZQ==258EAFA5-E914-47DA-95CA-C5AB0DC85B11"));
    QCOMPARE(derivation.sha1.size(), 20);
    QCOMPARE(derivation.sha1, QByteArray::fromHex(derivation.sha1Hex));
    QCOMPARE(QByteArray::fromBase64(derivation.accept), derivation.sha1);
}

void tst_AcceptDerivation::guidIsTheRfcConstant()
{
    QCOMPARE(QByteArrayView(websocketGuid), QByteArrayView("258EAFA5-E914-47DA-95CA-C5AB0DC85B11"));
    QCOMPARE(sizeof(websocketGuid), size_t(37));
}

QTEST_GUILESS_MAIN(tst_AcceptDerivation)
#include "tst_acceptderivation.moc"
