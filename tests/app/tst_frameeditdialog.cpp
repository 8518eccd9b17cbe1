// The Edit Frame dialog (also Inject): the bytes it builds from its fields, field by field, checked
// against RFC 6455 §5.2's layout written out by hand (and §5.7's masked "Hello"), including a
// non-minimal length form and a declared length that is wrong on purpose.

#include "app/intercept/frameeditdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTest>

using namespace wslab;
using namespace wslab::app;

namespace {

struct Fields
{
    bool fin = true;
    bool rsv2 = false;
    bool rsv3 = false;
    int opcode = 0x1;
    bool masked = false;
    QString key = QStringLiteral("00 00 00 00");
    FrameEditDialog::LengthChoice length = FrameEditDialog::LengthChoice::AsNeeded;
    QString declared; // empty: the real length
    bool hex = false;
    QString payload;
};

} // namespace

Q_DECLARE_METATYPE(Fields)

class tst_FrameEditDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void buildsTheBytesTheFieldsSay_data();
    void buildsTheBytesTheFieldsSay();
    void showsTheBytesLiveAndSaysWhatIsUnusual();
    void refusesHexThatDoesNotParse();
    void switchingTextAndHexKeepsTheBytes();
    void injectingTowardsTheServerMasksByDefault();
    void heldFrameFillsEveryField();
    void compressionShowsItsRsv1();

private:
    static void fill(FrameEditDialog &dialog, const Fields &fields);
};

void tst_FrameEditDialog::fill(FrameEditDialog &dialog, const Fields &f)
{
    dialog.findChild<QCheckBox *>(QStringLiteral("fin"))->setChecked(f.fin);
    dialog.findChild<QCheckBox *>(QStringLiteral("rsv2"))->setChecked(f.rsv2);
    dialog.findChild<QCheckBox *>(QStringLiteral("rsv3"))->setChecked(f.rsv3);
    auto *opcode = dialog.findChild<QComboBox *>(QStringLiteral("opcode"));
    opcode->setCurrentIndex(opcode->findData(f.opcode));
    dialog.findChild<QCheckBox *>(QStringLiteral("masked"))->setChecked(f.masked);
    dialog.findChild<QLineEdit *>(QStringLiteral("maskKey"))->setText(f.key);
    auto *length = dialog.findChild<QComboBox *>(QStringLiteral("lengthForm"));
    length->setCurrentIndex(length->findData(int(f.length)));
    dialog.findChild<QCheckBox *>(QStringLiteral("wrongLength"))->setChecked(!f.declared.isEmpty());
    if (!f.declared.isEmpty())
        dialog.findChild<QLineEdit *>(QStringLiteral("declaredLength"))->setText(f.declared);
    auto *kind = dialog.findChild<QComboBox *>(QStringLiteral("payloadKind"));
    kind->setCurrentIndex(kind->findData(f.hex));
    dialog.findChild<QPlainTextEdit *>(QStringLiteral("payload"))->setPlainText(f.payload);
}

void tst_FrameEditDialog::buildsTheBytesTheFieldsSay_data()
{
    QTest::addColumn<Fields>("fields");
    QTest::addColumn<QByteArray>("expected");
    using L = FrameEditDialog::LengthChoice;
    Fields hi;
    hi.payload = QStringLiteral("Hi");
    // Byte 0: FIN 0x80 | RSV1 0x40 | RSV2 0x20 | RSV3 0x10 | opcode; byte 1: MASK 0x80 | length.
    QTest::newRow("text, minimal length") << hi << QByteArray::fromHex("81 02 4869");
    Fields sixteen = hi;
    sixteen.length = L::Extended16;
    QTest::newRow("non-minimal 16-bit length") << sixteen << QByteArray::fromHex("81 7e 0002 4869");
    Fields sixtyFour = hi;
    sixtyFour.length = L::Extended64;
    QTest::newRow("non-minimal 64-bit length") << sixtyFour << QByteArray::fromHex("81 7f 0000000000000002 4869");
    Fields wrong = hi;
    wrong.declared = QStringLiteral("5");
    QTest::newRow("declared 5, 2 follow") << wrong << QByteArray::fromHex("81 05 4869");
    Fields wrongLong = hi;
    wrongLong.declared = QStringLiteral("300");
    QTest::newRow("declared 300 needs the 16-bit form") << wrongLong << QByteArray::fromHex("81 7e 012c 4869");
    Fields reserved = hi;
    reserved.fin = false;
    reserved.rsv2 = true;
    reserved.rsv3 = true;
    reserved.opcode = 0x3;
    QTest::newRow("RSV2, RSV3, reserved opcode, no FIN") << reserved << QByteArray::fromHex("33 02 4869");
    Fields masked;
    masked.masked = true;
    masked.key = QStringLiteral("37 fa 21 3d");
    masked.payload = QStringLiteral("Hello");
    QTest::newRow("RFC 6455 §5.7 masked Hello") << masked << QByteArray::fromHex("8185 37fa213d 7f9f4d5158");
    Fields binary;
    binary.opcode = 0x2;
    binary.hex = true;
    binary.payload = QStringLiteral("00 ff:10");
    QTest::newRow("hex payload") << binary << QByteArray::fromHex("82 03 00ff10");
    Fields control;
    control.opcode = 0xB;
    control.payload = QString();
    QTest::newRow("reserved control opcode, empty") << control << QByteArray::fromHex("8b 00");
}

void tst_FrameEditDialog::buildsTheBytesTheFieldsSay()
{
    QFETCH(Fields, fields);
    QFETCH(QByteArray, expected);
    FrameEditDialog dialog(FrameEditDialog::Purpose::Edit);
    fill(dialog, fields);
    QCOMPARE(dialog.previewBytes().toHex(' '), expected.toHex(' '));
    const auto edit = dialog.edit();
    QVERIFY(edit);
    QCOMPARE(edit->build(nullptr).toHex(' '), expected.toHex(' '));
    // What the dialog shows is what it will send.
    const QString shown = dialog.findChild<QPlainTextEdit *>(QStringLiteral("preview"))->toPlainText();
    QCOMPARE(shown, FrameEditDialog::hexDump(expected));
}

void tst_FrameEditDialog::showsTheBytesLiveAndSaysWhatIsUnusual()
{
    FrameEditDialog dialog(FrameEditDialog::Purpose::Edit);
    Fields f;
    f.payload = QStringLiteral("Hi");
    fill(dialog, f);
    auto *preview = dialog.findChild<QPlainTextEdit *>(QStringLiteral("preview"));
    auto *note = dialog.findChild<QLabel *>(QStringLiteral("previewNote"));
    const QString before = preview->toPlainText();
    QVERIFY(!note->text().contains(QStringLiteral("RFC 6455 §5.2")));
    auto *length = dialog.findChild<QComboBox *>(QStringLiteral("lengthForm"));
    length->setCurrentIndex(length->findData(int(FrameEditDialog::LengthChoice::Extended16)));
    QVERIFY(preview->toPlainText() != before);
    QVERIFY2(note->text().contains(QStringLiteral("RFC 6455 §5.2")), qPrintable(note->text()));
    dialog.findChild<QCheckBox *>(QStringLiteral("wrongLength"))->setChecked(true);
    dialog.findChild<QLineEdit *>(QStringLiteral("declaredLength"))->setText(QStringLiteral("9"));
    QVERIFY2(note->text().contains(QStringLiteral("9")), qPrintable(note->text()));
}

void tst_FrameEditDialog::refusesHexThatDoesNotParse()
{
    FrameEditDialog dialog(FrameEditDialog::Purpose::Edit);
    Fields f;
    f.hex = true;
    f.payload = QStringLiteral("0g");
    fill(dialog, f);
    auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(!dialog.edit());
    QVERIFY(!ok->isEnabled());
    QVERIFY(dialog.previewBytes().isEmpty());
    dialog.findChild<QPlainTextEdit *>(QStringLiteral("payload"))->setPlainText(QStringLiteral("0a"));
    QVERIFY(ok->isEnabled());
}

void tst_FrameEditDialog::switchingTextAndHexKeepsTheBytes()
{
    FrameEditDialog dialog(FrameEditDialog::Purpose::Edit);
    Fields f;
    f.payload = QStringLiteral("héllo");
    fill(dialog, f);
    const QByteArray before = dialog.previewBytes();
    auto *kind = dialog.findChild<QComboBox *>(QStringLiteral("payloadKind"));
    kind->setCurrentIndex(kind->findData(true));
    QCOMPARE(dialog.findChild<QPlainTextEdit *>(QStringLiteral("payload"))->toPlainText(),
             QString::fromLatin1(QStringLiteral("héllo").toUtf8().toHex(' ')));
    QCOMPARE(dialog.previewBytes(), before);
    kind->setCurrentIndex(kind->findData(false));
    QCOMPARE(dialog.findChild<QPlainTextEdit *>(QStringLiteral("payload"))->toPlainText(), QStringLiteral("héllo"));
}

void tst_FrameEditDialog::injectingTowardsTheServerMasksByDefault()
{
    FrameEditDialog dialog(FrameEditDialog::Purpose::Inject);
    dialog.setTargets({3, 4}, 4, capture::Direction::Outbound);
    QCOMPARE(dialog.targetConnection(), quint64(4));
    QVERIFY(!dialog.edit()->header.masked); // a server masks nothing (RFC 6455 §5.1)
    auto *direction = dialog.findChild<QComboBox *>(QStringLiteral("direction"));
    direction->setCurrentIndex(direction->findData(int(capture::Direction::Inbound)));
    QCOMPARE(dialog.targetDirection(), capture::Direction::Inbound);
    QVERIFY(dialog.edit()->header.masked); // a client masks every frame
    QCOMPARE(quint8(dialog.previewBytes().at(1)) & 0x80, 0x80);
}

void tst_FrameEditDialog::heldFrameFillsEveryField()
{
    proxy::FrameEdit held;
    held.header.fin = false;
    held.header.rsv3 = true;
    held.header.opcode = protocol::Opcode::Binary;
    held.header.masked = true;
    held.header.maskKey = {1, 2, 3, 4};
    held.header.lengthForm = protocol::LengthForm::Extended16;
    held.payload = QByteArray::fromHex("00ff");
    FrameEditDialog dialog(FrameEditDialog::Purpose::Edit);
    dialog.setEdit(held);
    const auto edit = dialog.edit();
    QVERIFY(edit);
    QCOMPARE(edit->header, held.header);
    QCOMPARE(edit->payload, held.payload);
    QCOMPARE(dialog.previewBytes(), held.build(nullptr));
}

// With Compress on, the RSV1 box shows the bit the compressor sets (the bytes below have it), fixed;
// off again, it shows what the user chose.
void tst_FrameEditDialog::compressionShowsItsRsv1()
{
    FrameEditDialog dialog(FrameEditDialog::Purpose::Edit);
    proxy::FrameEdit held;
    held.header.fin = true;
    held.header.opcode = protocol::Opcode::Text;
    held.header.rsv1 = true;
    held.compress = true;
    held.payload = QByteArrayLiteral("Hi");
    dialog.setEdit(held);
    auto *rsv1 = dialog.findChild<QCheckBox *>(QStringLiteral("rsv1"));
    auto *compress = dialog.findChild<QCheckBox *>(QStringLiteral("compress"));
    QVERIFY(rsv1 && compress);
    QVERIFY(rsv1->isChecked() && !rsv1->isEnabled());
    QCOMPARE(quint8(dialog.previewBytes().at(0)), quint8(0xc1));

    compress->setChecked(false);
    QVERIFY(!rsv1->isChecked() && rsv1->isEnabled());
    QCOMPARE(dialog.previewBytes(), QByteArray::fromHex("81 02 4869"));
    rsv1->setChecked(true);
    // The bytes shown follow the box at once.
    QVERIFY2(dialog.findChild<QPlainTextEdit *>(QStringLiteral("preview"))->toPlainText().contains(QLatin1String("c1 02")),
             qPrintable(dialog.findChild<QPlainTextEdit *>(QStringLiteral("preview"))->toPlainText()));
    compress->setChecked(true);
    QVERIFY(rsv1->isChecked() && !rsv1->isEnabled());
    compress->setChecked(false);
    QVERIFY(rsv1->isChecked());
    QCOMPARE(dialog.previewBytes(), QByteArray::fromHex("c1 02 4869"));
}

QTEST_MAIN(tst_FrameEditDialog)
#include "tst_frameeditdialog.moc"
