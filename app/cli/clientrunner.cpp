#include "app/cli/clientrunner.h"
#include "app/cli/stopsignal.h"

#include "capture/capturestream.h"
#include "client/clientconnection.h"
#include "inspector/payloadpreview.h"
#include "server/protocol/closecode.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSocketNotifier>

#include <cctype>

#include <unistd.h>

namespace wslab::app {

using namespace protocol;

namespace {

constexpr qint64 maxUnsentBytes = 1024 * 1024;

// Hexadecimal digits in pairs, spaces anywhere between them.
bool isHexLine(QByteArrayView line)
{
    qsizetype digits = 0;
    for (const char c : line) {
        if (std::isxdigit(static_cast<unsigned char>(c)))
            ++digits;
        else if (!std::isspace(static_cast<unsigned char>(c)))
            return false;
    }
    return digits % 2 == 0;
}

} // namespace

ClientRunner::ClientRunner(const CommandLineOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_printer(options, QDateTime::currentMSecsSinceEpoch() * 1'000'000)
    , m_capture(new capture::CaptureStream(this))
    , m_recorder(m_capture)
{
    if (!m_printer.open())
        m_exitCode = 2;
    m_capture->setEnabled(!m_options.noCapture && (!m_options.quiet || m_options.writeFile));
    connect(m_capture, &capture::CaptureStream::batchReady, this,
            [this](const capture::CaptureBatch &records) { m_printer.print(records); });
    client::ClientSettings settings;
    m_options.applyTo(settings);
    m_connection = new client::ClientConnection(1, settings, &m_recorder, this);
    connect(m_connection, &client::ClientConnection::opened, this, &ClientRunner::onOpened);
    connect(m_connection, &client::ClientConnection::bytesWritten, this, &ClientRunner::sendWaiting);
    connect(m_connection, &client::ClientConnection::finished, this, &ClientRunner::onFinished);
    connect(new StopSignal(this), &StopSignal::received, this, &ClientRunner::onStopSignal);
}

ClientRunner::~ClientRunner() = default;

int ClientRunner::exec()
{
    if (m_exitCode != 0)
        return m_exitCode;
    RecordPrinter::printStatus(tr("connecting to %1").arg(m_options.connectUrl->toString()));
    m_connection->open();
    // Input is read from the start, so that lines typed (or piped) early wait for the connection.
    m_input = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
    connect(m_input, &QSocketNotifier::activated, this, &ClientRunner::onInput);
    const int code = QCoreApplication::exec();
    return m_exitCode != 0 ? m_exitCode : code;
}

void ClientRunner::onOpened()
{
    const QByteArray subprotocol = m_connection->subprotocol();
    RecordPrinter::printStatus(tr("connected to %1%2%3")
                                       .arg(m_options.connectUrl->toString(),
                                            subprotocol.isEmpty() ? QString() : tr(", subprotocol %1").arg(QString::fromLatin1(subprotocol)),
                                            m_connection->isDeflateAgreed() ? tr(", permessage-deflate") : QString()));
    sendWaiting();
}

void ClientRunner::onInput()
{
    char buffer[64 * 1024];
    // The notifier said there is something: one read does not block.
    const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
    if (n <= 0) {
        m_input->setEnabled(false);
        m_inputEnded = true;
        if (!m_partialLine.isEmpty())
            m_waiting.append(std::exchange(m_partialLine, {})); // a last line without a newline
    } else {
        m_partialLine.append(buffer, qsizetype(n));
        qsizetype newline;
        while ((newline = m_partialLine.indexOf('\n')) >= 0) {
            QByteArray line = m_partialLine.left(newline);
            if (line.endsWith('\r'))
                line.chop(1);
            m_waiting.append(line);
            m_partialLine.remove(0, newline + 1);
        }
    }
    sendWaiting();
}

// Input is read only while every line read is sent and the socket has little left to write: a large
// file on stdin is sent at the pace the server reads it, never held in memory whole.
void ClientRunner::sendWaiting()
{
    const bool open = m_connection->state() == client::ClientConnection::State::Open;
    while (open && !m_waiting.isEmpty() && m_connection->bytesToWrite() < maxUnsentBytes)
        sendLine(m_waiting.takeFirst());
    if (m_input && !m_inputEnded && !m_stopping)
        m_input->setEnabled(m_waiting.isEmpty());
    if (open)
        closeIfDone();
}

void ClientRunner::sendLine(const QByteArray &line)
{
    ++m_lineNumber;
    if (!m_options.binary) {
        m_connection->sendMessage(Opcode::Text, line);
        return;
    }
    if (!isHexLine(line)) {
        RecordPrinter::printStatus(tr("error: line %1 is not hexadecimal; not sent").arg(m_lineNumber));
        m_badInput = true;
        return;
    }
    m_connection->sendMessage(Opcode::Binary, QByteArray::fromHex(line));
}

// RFC 6455 §7.1.2: the end of input starts the closing handshake with 1000 Normal Closure.
void ClientRunner::closeIfDone()
{
    if (m_inputEnded && m_waiting.isEmpty() && m_connection->state() == client::ClientConnection::State::Open)
        m_connection->close(quint16(CloseCode::Normal));
}

void ClientRunner::onFinished(const client::ClientOutcome &outcome)
{
    m_capture->flush(); // the records of the connection's end
    if (outcome.isClean() && m_stopping) {
        RecordPrinter::printStatus(tr("interrupted; closed cleanly (1001 Going Away)"));
        m_exitCode = 1;
    } else if (outcome.isClean()) {
        RecordPrinter::printStatus(tr("closed cleanly (1000 Normal Closure)"));
        m_exitCode = m_badInput ? 1 : 0;
    } else {
        RecordPrinter::printStatus(tr("error: %1").arg(describe(outcome)));
        m_exitCode = 1;
    }
    QCoreApplication::exit(m_exitCode);
}

// RFC 6455 §7.4.1: 1001, this end is going away. Before the connection is open there is nothing to
// close: TCP is cut.
void ClientRunner::onStopSignal()
{
    if (m_stopping) {
        RecordPrinter::printStatus(tr("stopping now"));
        m_connection->abort();
        return;
    }
    m_stopping = true;
    if (m_input)
        m_input->setEnabled(false);
    if (m_connection->state() == client::ClientConnection::State::Open) {
        RecordPrinter::printStatus(tr("closing (1001 Going Away)…"));
        m_connection->close(quint16(CloseCode::GoingAway));
    } else {
        m_connection->abort();
    }
}

QString ClientRunner::describe(const client::ClientOutcome &outcome)
{
    using client::ClientFailure;
    if (!outcome.failure)
        return {};
    QString text = QCoreApplication::translate(client::clientFailureContext, client::clientFailureReason(*outcome.failure));
    QStringList details;
    switch (*outcome.failure) {
    case ClientFailure::HandshakeRejected:
        details.append(tr("status %1").arg(outcome.httpStatus));
        for (const UpgradeResponseError error : outcome.handshakeErrors)
            details.append(QStringLiteral("%1 (%2, %3)")
                                   .arg(QCoreApplication::translate(upgradeResponseErrorContext,
                                                                    upgradeResponseErrorReason(error)),
                                        QLatin1String(upgradeResponseErrorName(error)),
                                        QString::fromUtf8(upgradeResponseErrorReference(error))));
        if (outcome.deflateError)
            details.append(tr("permessage-deflate answer: %1 (RFC 7692 §5)")
                                   .arg(QCoreApplication::translate(deflateOfferErrorContext,
                                                                    deflateOfferErrorReason(*outcome.deflateError))));
        break;
    case ClientFailure::MalformedResponse:
        if (outcome.responseError)
            details.append(QCoreApplication::translate(httpParseErrorContext, httpParseErrorReason(*outcome.responseError)));
        break;
    case ClientFailure::ProtocolViolation:
        details.append(tr("%1 (%2); closed with %3")
                               .arg(QCoreApplication::translate(decodeErrorContext, decodeErrorReason(*outcome.protocolError)),
                                    QLatin1String(decodeErrorName(*outcome.protocolError)))
                               .arg(closeCodeFor(*outcome.protocolError)));
        break;
    case ClientFailure::ClosedByServer: {
        const quint16 code = outcome.serverCloseCode.value_or(quint16(CloseCode::NoStatusReceived));
        const QString name = inspector::PayloadPreview::closeCodeName(code);
        details.append(outcome.serverCloseReason.isEmpty()
                               ? tr("close code %1 %2, no reason").arg(code).arg(name)
                               : tr("close code %1 %2, reason \"%3\"").arg(code).arg(name, outcome.serverCloseReason));
        break;
    }
    default:
        if (!outcome.socketError.isEmpty())
            details.append(outcome.socketError);
        break;
    }
    if (details.isEmpty())
        return text;
    return tr("%1: %2", "a failure, then its details").arg(text, details.join(tr("; ", "between two details")));
}

} // namespace wslab::app
