#include "server/protocol/headerlayout.h"

#include <QTest>

using namespace wslab::protocol;

Q_DECLARE_METATYPE(wslab::protocol::FrameHeader)

namespace {

struct Expected
{
    FieldId id;
    qint64 bitOffset;
    qint64 bitLength;
    quint64 value;
};

QList<HeaderField> fieldsOf(const QList<Expected> &expected)
{
    QList<HeaderField> fields;
    for (const auto &e : expected)
        fields.append(HeaderField{e.id, e.bitOffset, e.bitLength, e.value});
    return fields;
}

FrameHeader header(quint64 length, LengthForm form, bool masked)
{
    FrameHeader h;
    h.opcode = Opcode::Text;
    h.payloadLength = length;
    h.lengthForm = form;
    h.masked = masked;
    h.maskKey = {0x37, 0xfa, 0x21, 0x3d};
    return h;
}

} // namespace

class TestHeaderLayout : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void layout_data();
    void layout();
    void fieldsTileTheHeaderWithoutGaps_data();
    void fieldsTileTheHeaderWithoutGaps();
    void byteSpans();
};

void TestHeaderLayout::layout_data()
{
    QTest::addColumn<FrameHeader>("header");
    QTest::addColumn<QList<HeaderField>>("fields");

    const QList<Expected> firstTwoBytes = {
        {FieldId::Fin, 0, 1, 1}, {FieldId::Rsv1, 1, 1, 0}, {FieldId::Rsv2, 2, 1, 0},
        {FieldId::Rsv3, 3, 1, 0}, {FieldId::Opcode, 4, 4, 1}, {FieldId::Mask, 8, 1, 1},
    };
    // RFC 6455 §5.7 masked "Hello": key 0x37fa213d at bits 16-47, payload from bit 48.
    QTest::addRow("7-bit, masked") << header(5, LengthForm::Short7, true)
                                   << fieldsOf(firstTwoBytes + QList<Expected>{
                                              {FieldId::PayloadLength, 9, 7, 5},
                                              {FieldId::MaskingKey, 16, 32, 0x37fa213d},
                                              {FieldId::Payload, 48, 40, 5}});
    QTest::addRow("7+16-bit, masked") << header(256, LengthForm::Extended16, true)
                                      << fieldsOf(firstTwoBytes + QList<Expected>{
                                                 {FieldId::PayloadLength, 9, 7, 126},
                                                 {FieldId::ExtendedPayloadLength16, 16, 16, 256},
                                                 {FieldId::MaskingKey, 32, 32, 0x37fa213d},
                                                 {FieldId::Payload, 64, 2048, 256}});
    QList<Expected> unmasked = firstTwoBytes;
    unmasked.last().value = 0;
    QTest::addRow("7+64-bit, unmasked") << header(65536, LengthForm::Extended64, false)
                                        << fieldsOf(unmasked + QList<Expected>{
                                                   {FieldId::PayloadLength, 9, 7, 127},
                                                   {FieldId::ExtendedPayloadLength64, 16, 64, 65536},
                                                   {FieldId::Payload, 80, 65536 * 8, 65536}});
}

void TestHeaderLayout::layout()
{
    QFETCH(FrameHeader, header);
    QFETCH(QList<HeaderField>, fields);
    QCOMPARE(headerLayout(header), fields);
}

void TestHeaderLayout::fieldsTileTheHeaderWithoutGaps_data()
{
    QTest::addColumn<FrameHeader>("header");
    for (bool masked : {false, true}) {
        QTest::addRow("7-bit %d", masked) << header(0, LengthForm::Short7, masked);
        QTest::addRow("16-bit %d", masked) << header(126, LengthForm::Extended16, masked);
        QTest::addRow("64-bit %d", masked) << header(70000, LengthForm::Extended64, masked);
    }
}

void TestHeaderLayout::fieldsTileTheHeaderWithoutGaps()
{
    QFETCH(FrameHeader, header);
    const auto fields = headerLayout(header);
    qint64 bit = 0;
    for (const auto &field : fields) {
        QCOMPARE(field.bitOffset, bit);
        bit += field.bitLength;
    }
    QCOMPARE(fields.last().id, FieldId::Payload);
    QCOMPARE(fields.last().bitOffset, qint64(header.size()) * 8);
}

void TestHeaderLayout::byteSpans()
{
    const auto fields = headerLayout(header(300, LengthForm::Extended16, true));
    const auto find = [&](FieldId id) {
        return *std::find_if(fields.begin(), fields.end(), [id](const HeaderField &f) { return f.id == id; });
    };
    QCOMPARE(find(FieldId::Opcode).firstByte(), 0);
    QCOMPARE(find(FieldId::Mask).firstByte(), 1);
    QCOMPARE(find(FieldId::ExtendedPayloadLength16).firstByte(), 2);
    QCOMPARE(find(FieldId::ExtendedPayloadLength16).lastByte(), 3);
    QCOMPARE(find(FieldId::MaskingKey).firstByte(), 4);
    QCOMPARE(find(FieldId::MaskingKey).lastByte(), 7);
    QVERIFY(find(FieldId::Mask).contains(8));
    QVERIFY(!find(FieldId::Mask).contains(9));
}

QTEST_GUILESS_MAIN(TestHeaderLayout)
#include "tst_headerlayout.moc"
