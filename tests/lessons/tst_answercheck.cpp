#include "app/lessons/answercheck.h"

#include <QCryptographicHash>
#include <QTest>

using wslab::app::AnswerCheck;
using wslab::protocol::FieldId;
using wslab::protocol::MaskKey;

// The questions' judges, with right and wrong answers. The vectors are RFC 6455's own (§1.3, §5.7).
class tst_AnswerCheck : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void xorAcceptsTheUnmaskedBytesInAnyHexSpelling_data();
    void xorAcceptsTheUnmaskedBytesInAnyHexSpelling();
    void xorExpectedIsTheMaskedBytesXorTheKey();
    void acceptIsJudgedAgainstTheDerivation_data();
    void acceptIsJudgedAgainstTheDerivation();
    void fieldIsRightOnlyForItsFields();
};

void tst_AnswerCheck::xorAcceptsTheUnmaskedBytesInAnyHexSpelling_data()
{
    QTest::addColumn<QString>("answer");
    QTest::addColumn<bool>("right");
    // §5.7: "Hello" masked with 37 fa 21 3d starts 7f 9f 4d 51; unmasked "Hell" = 48 65 6c 6c.
    QTest::addRow("spaced lowercase") << QStringLiteral("48 65 6c 6c") << true;
    QTest::addRow("run together uppercase") << QStringLiteral("48656C6C") << true;
    QTest::addRow("0x and commas") << QStringLiteral("0x48, 0x65, 0x6c, 0x6c") << true;
    QTest::addRow("colons, surrounding space") << QStringLiteral("  48:65:6c:6c ") << true;
    QTest::addRow("last byte wrong") << QStringLiteral("48 65 6c 6d") << false;
    QTest::addRow("the masked bytes unchanged") << QStringLiteral("7f 9f 4d 51") << false;
    QTest::addRow("the key") << QStringLiteral("37 fa 21 3d") << false;
    QTest::addRow("three bytes") << QStringLiteral("48 65 6c") << false;
    QTest::addRow("five bytes") << QStringLiteral("48 65 6c 6c 6f") << false;
    QTest::addRow("odd digits") << QStringLiteral("48 65 6c 6") << false;
    QTest::addRow("text, not hex") << QStringLiteral("Hell") << false;
    QTest::addRow("empty") << QString() << false;
}

void tst_AnswerCheck::xorAcceptsTheUnmaskedBytesInAnyHexSpelling()
{
    QFETCH(QString, answer);
    QFETCH(bool, right);
    const AnswerCheck check = AnswerCheck::xorBytes(QByteArray::fromHex("7f9f4d51"), MaskKey{0x37, 0xfa, 0x21, 0x3d});
    QCOMPARE(check.isCorrect(answer), right);
}

void tst_AnswerCheck::xorExpectedIsTheMaskedBytesXorTheKey()
{
    const QByteArray plain = "Hell";
    const MaskKey key{0x01, 0x80, 0xff, 0x00};
    QByteArray masked = plain;
    for (int i = 0; i < masked.size(); ++i)
        masked[i] = char(masked[i] ^ key[size_t(i % 4)]);
    const AnswerCheck check = AnswerCheck::xorBytes(masked, key);
    QCOMPARE(check.expected(), QString::fromLatin1(plain.toHex(' ')));
    QVERIFY(check.isCorrect(QString::fromLatin1(plain.toHex())));
}

void tst_AnswerCheck::acceptIsJudgedAgainstTheDerivation_data()
{
    QTest::addColumn<QString>("answer");
    QTest::addColumn<bool>("right");
    const QString golden = QStringLiteral("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="); // RFC 6455 §1.3
    // The Handshake Lab's wrong accept: the key hashed without the GUID.
    const QString withoutGuid = QString::fromLatin1(
            QCryptographicHash::hash("dGhlIHNhbXBsZSBub25jZQ==", QCryptographicHash::Sha1).toBase64());
    QTest::addRow("the RFC's accept") << golden << true;
    QTest::addRow("pasted with spaces and newline") << QStringLiteral("  ") + golden + QStringLiteral("\n") << true;
    QTest::addRow("case changed") << golden.toLower() << false;
    QTest::addRow("hash without the GUID") << withoutGuid << false;
    QTest::addRow("the key itself") << QStringLiteral("dGhlIHNhbXBsZSBub25jZQ==") << false;
    QTest::addRow("padding missing") << golden.chopped(1) << false;
    QTest::addRow("empty") << QString() << false;
}

void tst_AnswerCheck::acceptIsJudgedAgainstTheDerivation()
{
    QFETCH(QString, answer);
    QFETCH(bool, right);
    const AnswerCheck check = AnswerCheck::accept("dGhlIHNhbXBsZSBub25jZQ==");
    QCOMPARE(check.isCorrect(answer), right);
}

void tst_AnswerCheck::fieldIsRightOnlyForItsFields()
{
    const AnswerCheck length = AnswerCheck::field(
            {FieldId::PayloadLength, FieldId::ExtendedPayloadLength16, FieldId::ExtendedPayloadLength64});
    QVERIFY(length.isCorrect(FieldId::PayloadLength));
    QVERIFY(length.isCorrect(FieldId::ExtendedPayloadLength64));
    for (FieldId wrong : {FieldId::Fin, FieldId::Opcode, FieldId::Mask, FieldId::MaskingKey, FieldId::Payload})
        QVERIFY(!length.isCorrect(wrong));
    QVERIFY(!length.isCorrect(QStringLiteral("payload length"))); // a click, not a typed answer
}

QTEST_GUILESS_MAIN(tst_AnswerCheck)
#include "tst_answercheck.moc"
