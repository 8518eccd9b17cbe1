#include "capture/pcapfilereader.h"

#include "capture/packetbuilder.h"
#include "capture/packetdecoder.h"

#include <QFile>
#include <QTemporaryDir>

#include <limits>
#include <QTest>

using namespace wslab::capture;
using namespace wslab::capture::testing;

Q_DECLARE_METATYPE(wslab::capture::CaptureFileError)

namespace {

struct Expected
{
    qint64 timeNs;
    int linkType;
    QByteArray bytes;
    quint32 originalLength;
    qint64 offset;
};

QList<FilePacket> samplePackets()
{
    return {{1700000000LL * 1000000000 + 123456789, ipv4Tcp(50000, 8080, 1, Syn, {}), 0, 0},
            {1700000000LL * 1000000000 + 223456000, ipv4Tcp(8080, 50000, 1, Syn | Ack, {}), 0, 0},
            {1700000001LL * 1000000000 + 5, ipv4Tcp(50000, 8080, 2, Ack | Psh, QByteArray(300, 'x')), 5000, 0}};
}

// A pcap file's records start after its 24-byte header; each has a 16-byte header.
QList<Expected> expectedPcap(const QList<FilePacket> &packets, bool nanoseconds)
{
    QList<Expected> result;
    qint64 offset = 24;
    for (const FilePacket &packet : packets) {
        const qint64 time = nanoseconds ? packet.timeNs : packet.timeNs / 1000 * 1000;
        result.append({time, linktype::Raw, packet.bytes,
                       packet.originalLength ? packet.originalLength : quint32(packet.bytes.size()), offset});
        offset += 16 + packet.bytes.size();
    }
    return result;
}

// Reads to the end or the first failure; returns the packets read.
QList<Expected> readAll(PcapFileReader &reader, ReadStatus &last)
{
    QList<Expected> packets;
    for (int i = 0; i < 1000; ++i) {
        last = reader.next();
        if (last != ReadStatus::Packet)
            break;
        const CapturedPacket &packet = reader.packet();
        packets.append({packet.timeNs, packet.linkType, packet.bytes.toByteArray(), packet.originalLength, packet.fileOffset});
    }
    return packets;
}

void comparePackets(const QList<Expected> &actual, const QList<Expected> &expected, bool compareOffsets = true)
{
    QCOMPARE(actual.size(), expected.size());
    for (qsizetype i = 0; i < actual.size(); ++i) {
        QCOMPARE(actual[i].timeNs, expected[i].timeNs);
        QCOMPARE(actual[i].linkType, expected[i].linkType);
        QCOMPARE(actual[i].bytes, expected[i].bytes);
        QCOMPARE(actual[i].originalLength, expected[i].originalLength);
        if (compareOffsets)
            QCOMPARE(actual[i].offset, expected[i].offset);
    }
}

// Two interfaces: raw IPv4 (tsresol 10^-9) and Ethernet (tsresol 2^-10), the second declared
// before or after the first packet. libpcap 1.10 refuses either.
QByteArray mixedLinkPcapNg(bool bigEndian, bool secondInterfaceLate, QList<Expected> &expected)
{
    const QByteArray raw = ipv4Tcp(50000, 8080, 1, Ack | Psh, "raw ip");
    const QByteArray ether = ethernet(0x0800, ipv4Tcp(8080, 50000, 1, Ack | Psh, "ethernet"));
    const QByteArray first = pcapNgSectionHeader(bigEndian) + pcapNgInterface(linktype::Raw, 9, bigEndian);
    const QByteArray second = pcapNgInterface(linktype::Ethernet, 0x80 | 10, bigEndian);
    const QByteArray packet1 = pcapNgEnhancedPacket(0, 1700000000123456789ULL, raw, bigEndian);
    const QByteArray packet2 = pcapNgEnhancedPacket(1, 1700000000ULL * 1024 + 512, ether, bigEndian);
    expected = {{1700000000123456789LL, linktype::Raw, raw, quint32(raw.size()), 0},
                {1700000000LL * 1000000000 + 500000000, linktype::Ethernet, ether, quint32(ether.size()), 0}};
    return secondInterfaceLate ? first + packet1 + second + packet2 : first + second + packet1 + packet2;
}

} // namespace

class tst_PcapFileReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void captureMagicIsRecognised_data();
    void captureMagicIsRecognised();
    void pcapInEveryByteOrderAndPrecision_data();
    void pcapInEveryByteOrderAndPrecision();
    void recordBeyondTheSnapshotLengthKeepsTheOffsetsAfterIt();
    void pcapNgWithNanosecondResolution_data();
    void pcapNgWithNanosecondResolution();
    void pcapNgTimeStampBeyond2262IsClamped();
    void pcapNgWithMixedLinkTypesUsesOwnReader_data();
    void pcapNgWithMixedLinkTypesUsesOwnReader();
    void truncatedFileGivesPacketsThenOffset_data();
    void truncatedFileGivesPacketsThenOffset();
    void unreadableFilesAreNamed_data();
    void unreadableFilesAreNamed();
    void corruptPcapNgBlockIsNamedWithOffset();

private:
    QTemporaryDir m_dir;
};

void tst_PcapFileReader::captureMagicIsRecognised_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<bool>("capture");
    QTest::addRow("pcap µs little-endian") << QByteArray::fromHex("d4c3b2a1") << true;
    QTest::addRow("pcap µs big-endian") << QByteArray::fromHex("a1b2c3d4") << true;
    QTest::addRow("pcap ns little-endian") << QByteArray::fromHex("4d3cb2a1") << true;
    QTest::addRow("pcap ns big-endian") << QByteArray::fromHex("a1b23c4d") << true;
    QTest::addRow("pcapng") << QByteArray::fromHex("0a0d0d0a1c000000") << true;
    QTest::addRow("HAR") << QByteArray("{\"log\": {") << false;
    QTest::addRow("too short") << QByteArray::fromHex("d4c3b2") << false;
    QTest::addRow("empty") << QByteArray() << false;
}

void tst_PcapFileReader::captureMagicIsRecognised()
{
    QFETCH(QByteArray, head);
    QFETCH(bool, capture);
    QCOMPARE(PcapFileReader::looksLikeCapture(head), capture);
}

void tst_PcapFileReader::pcapInEveryByteOrderAndPrecision_data()
{
    QTest::addColumn<bool>("nanoseconds");
    QTest::addColumn<bool>("bigEndian");
    QTest::addRow("µs little-endian") << false << false;
    QTest::addRow("µs big-endian") << false << true;
    QTest::addRow("ns little-endian") << true << false;
    QTest::addRow("ns big-endian") << true << true;
}

void tst_PcapFileReader::pcapInEveryByteOrderAndPrecision()
{
    QFETCH(bool, nanoseconds);
    QFETCH(bool, bigEndian);
    const auto packets = samplePackets();
    const QString path = writeFile(m_dir, QTest::currentDataTag(), pcapFile(linktype::Raw, packets, nanoseconds, bigEndian));
    PcapFileReader reader;
    const auto failure = reader.open(path);
    QVERIFY2(!failure, failure ? qPrintable(failure->detail) : "");
    QCOMPARE(reader.format(), PcapFileReader::Format::Pcap);
    ReadStatus last = ReadStatus::Packet;
    comparePackets(readAll(reader, last), expectedPcap(packets, nanoseconds));
    QCOMPARE(last, ReadStatus::End);
    QCOMPARE(reader.position(), reader.fileSize());
}

void tst_PcapFileReader::recordBeyondTheSnapshotLengthKeepsTheOffsetsAfterIt()
{
    // A record longer on file than the header's snapshot length (as buggy writers made them):
    // libpcap hands out its first 100 bytes and passes over the rest, so where the next record
    // starts is not its offset plus what it was given.
    QList<FilePacket> packets = samplePackets(); // the third has 340 bytes
    packets.append({1700000002LL * 1000000000, ipv4Tcp(8080, 50000, 2, Ack, {}), 0, 0});
    packets.append({1700000003LL * 1000000000, ipv4Tcp(50000, 8080, 302, Ack, {}), 0, 0});
    const QString path = writeFile(m_dir, QStringLiteral("snap-100.pcap"), pcapFile(linktype::Raw, packets, true, false, 100));
    PcapFileReader reader;
    QVERIFY(!reader.open(path));
    ReadStatus last = ReadStatus::Packet;
    const QList<Expected> actual = readAll(reader, last);
    QCOMPARE(last, ReadStatus::End);
    const QList<Expected> expected = expectedPcap(packets, true);
    QCOMPARE(actual.size(), expected.size());
    QCOMPARE(actual[2].bytes, expected[2].bytes.first(100));
    for (qsizetype i = 0; i < actual.size(); ++i)
        QCOMPARE(actual[i].offset, expected[i].offset);
}

void tst_PcapFileReader::pcapNgWithNanosecondResolution_data()
{
    QTest::addColumn<bool>("bigEndian");
    QTest::addRow("little-endian") << false;
    QTest::addRow("big-endian") << true;
}

void tst_PcapFileReader::pcapNgWithNanosecondResolution()
{
    QFETCH(bool, bigEndian);
    const QByteArray a = linuxSll2(0x0800, ipv4Tcp(50000, 8080, 1, Ack, "one"));
    const QByteArray b = linuxSll2(0x0800, ipv4Tcp(8080, 50000, 1, Ack, "two"));
    const QByteArray header = pcapNgSectionHeader(bigEndian) + pcapNgInterface(linktype::LinuxSll2, 9, bigEndian);
    const QByteArray first = pcapNgEnhancedPacket(0, 1700000000000000001ULL, a, bigEndian);
    const QByteArray second = pcapNgEnhancedPacket(0, 1700000000999999999ULL, b, bigEndian, 1000);
    const QString path = writeFile(m_dir, QTest::currentDataTag() + QStringLiteral(".pcapng"), header + first + second);
    PcapFileReader reader;
    QVERIFY(!reader.open(path));
    QCOMPARE(reader.format(), PcapFileReader::Format::PcapNg);
    ReadStatus last = ReadStatus::Packet;
    const auto packets = readAll(reader, last);
    QCOMPARE(last, ReadStatus::End);
    QVERIFY(!reader.usesOwnPcapNgReader());
    comparePackets(packets, {{1700000000000000001LL, linktype::LinuxSll2, a, quint32(a.size()), 0},
                             {1700000000999999999LL, linktype::LinuxSll2, b, 1000, 0}},
                   false);
}

// Regression (found by fuzz_capture_file): a pcapng time stamp beyond what nanoseconds since 1970
// hold in 64 bits (after 2262) overflowed when libpcap read it; it is clamped, as the own pcapng
// reader clamps it.
void tst_PcapFileReader::pcapNgTimeStampBeyond2262IsClamped()
{
    const QByteArray a = linuxSll2(0x0800, ipv4Tcp(50000, 8080, 1, Ack, "one"));
    const QByteArray header = pcapNgSectionHeader(false) + pcapNgInterface(linktype::LinuxSll2, 9, false);
    const QByteArray packet = pcapNgEnhancedPacket(0, std::numeric_limits<quint64>::max(), a, false);
    const QString path = writeFile(m_dir, QStringLiteral("far-future.pcapng"), header + packet);
    PcapFileReader reader;
    QVERIFY(!reader.open(path));
    ReadStatus last = ReadStatus::Packet;
    const auto packets = readAll(reader, last);
    QCOMPARE(last, ReadStatus::End);
    QVERIFY(!reader.usesOwnPcapNgReader());
    QCOMPARE(packets.size(), 1);
    QCOMPARE(packets[0].timeNs, std::numeric_limits<qint64>::max());
}

void tst_PcapFileReader::pcapNgWithMixedLinkTypesUsesOwnReader_data()
{
    QTest::addColumn<bool>("bigEndian");
    QTest::addColumn<bool>("secondInterfaceLate");
    QTest::addRow("interfaces first, little-endian") << false << false;
    QTest::addRow("interfaces first, big-endian") << true << false;
    QTest::addRow("second interface after a packet") << false << true;
}

void tst_PcapFileReader::pcapNgWithMixedLinkTypesUsesOwnReader()
{
    QFETCH(bool, bigEndian);
    QFETCH(bool, secondInterfaceLate);
    QList<Expected> expected;
    const QByteArray contents = mixedLinkPcapNg(bigEndian, secondInterfaceLate, expected);
    const QString path = writeFile(m_dir, QTest::currentDataTag() + QStringLiteral(".pcapng"), contents);
    PcapFileReader reader;
    const auto failure = reader.open(path);
    QVERIFY2(!failure, failure ? qPrintable(failure->detail) : "");
    ReadStatus last = ReadStatus::Packet;
    const auto packets = readAll(reader, last);
    QVERIFY2(last == ReadStatus::End, qPrintable(reader.failure().detail));
    QVERIFY(reader.usesOwnPcapNgReader());
    comparePackets(packets, expected, false);
    // Both decode: each packet carries its own interface's link type.
    for (const Expected &packet : packets)
        QVERIFY(std::holds_alternative<TcpSegment>(PacketDecoder::decode(packet.linkType, packet.bytes, packet.originalLength)));
}

void tst_PcapFileReader::truncatedFileGivesPacketsThenOffset_data()
{
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<int>("cut");          // bytes kept
    QTest::addColumn<int>("packetsBefore");
    QTest::addColumn<qint64>("offset");    // where the cut record starts
    QTest::addColumn<CaptureFileError>("error");

    const QByteArray pcap = pcapFile(linktype::Raw, samplePackets(), true, false);
    const auto offsets = expectedPcap(samplePackets(), true);
    QTest::addRow("pcap cut in packet data") << pcap << int(pcap.size() - 10) << 2 << offsets[2].offset
                                             << CaptureFileError::Truncated;
    QTest::addRow("pcap cut in record header") << pcap << int(offsets[2].offset + 7) << 2 << offsets[2].offset
                                               << CaptureFileError::Truncated;
    QTest::addRow("pcap cut in file header") << pcap << 20 << 0 << qint64(0) << CaptureFileError::Truncated;

    const QByteArray header = pcapNgSectionHeader(false) + pcapNgInterface(linktype::Raw, 9, false);
    const QByteArray block = pcapNgEnhancedPacket(0, 1, ipv4Tcp(1, 2, 3, Ack, "payload"), false);
    const QByteArray pcapNg = header + block + block;
    QTest::addRow("pcapng cut in packet block") << pcapNg << int(pcapNg.size() - 6) << 1
                                                << qint64(header.size() + block.size()) << CaptureFileError::Truncated;
    QList<Expected> unused;
    const QByteArray mixed = mixedLinkPcapNg(false, false, unused);
    QTest::addRow("own pcapng reader cut in packet block") << mixed << int(mixed.size() - 6) << 1
                                                           << qint64(mixed.size() - pcapNgEnhancedPacket(1, 0, ethernet(0x0800, ipv4Tcp(8080, 50000, 1, Ack | Psh, "ethernet")), false).size())
                                                           << CaptureFileError::Truncated;
}

void tst_PcapFileReader::truncatedFileGivesPacketsThenOffset()
{
    QFETCH(QByteArray, contents);
    QFETCH(int, cut);
    QFETCH(int, packetsBefore);
    QFETCH(qint64, offset);
    QFETCH(CaptureFileError, error);
    const QString path = writeFile(m_dir, QStringLiteral("cut-") + QTest::currentDataTag(), contents.first(cut));
    PcapFileReader reader;
    std::optional<CaptureFileFailure> failure = reader.open(path);
    int packets = 0;
    if (!failure) {
        ReadStatus last = ReadStatus::Packet;
        packets = int(readAll(reader, last).size());
        QCOMPARE(last, ReadStatus::Failed);
        failure = reader.failure();
    }
    QCOMPARE(packets, packetsBefore);
    QCOMPARE(captureFileErrorName(failure->error), captureFileErrorName(error));
    QCOMPARE(failure->offset, offset);
    QVERIFY(!failure->detail.isEmpty());
}

void tst_PcapFileReader::unreadableFilesAreNamed_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<CaptureFileError>("error");
    QTest::addRow("missing") << "missing" << QByteArray() << CaptureFileError::CannotOpen;
    QTest::addRow("directory") << "." << QByteArray() << CaptureFileError::CannotOpen;
    QTest::addRow("empty") << "empty" << QByteArray() << CaptureFileError::Empty;
    QTest::addRow("text") << "notes.pcap" << QByteArray("these are not packets\n") << CaptureFileError::NotACaptureFile;
    QTest::addRow("three bytes") << "tiny.pcap" << QByteArray::fromHex("d4c3b2") << CaptureFileError::NotACaptureFile;
}

void tst_PcapFileReader::unreadableFilesAreNamed()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, contents);
    QFETCH(CaptureFileError, error);
    QString path = m_dir.filePath(name);
    if (name == u"empty" || !contents.isEmpty())
        path = writeFile(m_dir, name, contents);
    PcapFileReader reader;
    const auto failure = reader.open(path);
    QVERIFY(failure);
    QCOMPARE(captureFileErrorName(failure->error), captureFileErrorName(error));
    QCOMPARE(failure->offset, 0);
    QVERIFY(qstrlen(captureFileErrorReason(error)) > 0);
}

void tst_PcapFileReader::corruptPcapNgBlockIsNamedWithOffset()
{
    // The own reader sees a block whose trailing length disagrees with its leading one.
    QList<Expected> unused;
    QByteArray contents = mixedLinkPcapNg(false, false, unused);
    const qsizetype lastBlock = contents.size() - pcapNgEnhancedPacket(1, 0, ethernet(0x0800, ipv4Tcp(8080, 50000, 1, Ack | Psh, "ethernet")), false).size();
    contents[contents.size() - 4] = char(0x7c);
    const QString path = writeFile(m_dir, "corrupt.pcapng", contents);
    PcapFileReader reader;
    QVERIFY(!reader.open(path));
    ReadStatus last = ReadStatus::Packet;
    QCOMPARE(readAll(reader, last).size(), 1);
    QCOMPARE(last, ReadStatus::Failed);
    QCOMPARE(reader.failure().error, CaptureFileError::Corrupt);
    QCOMPARE(reader.failure().offset, lastBlock);
}

QTEST_GUILESS_MAIN(tst_PcapFileReader)
#include "tst_pcapfilereader.moc"
