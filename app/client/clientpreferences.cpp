#include "app/client/clientpreferences.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>

namespace wslab::app {

namespace {

bool fail(ClientPreferences::Problem *problem, ClientPreferences::Field field, const QString &text)
{
    if (problem)
        *problem = {field, text};
    return false;
}

// RFC 9110 §5.6.2: a field name and a subprotocol are tokens.
bool isToken(QByteArrayView text)
{
    static const QRegularExpression token(QStringLiteral("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"));
    return token.match(QString::fromLatin1(text)).hasMatch();
}

} // namespace

bool ClientPreferences::isSecure() const
{
    return url.trimmed().startsWith(QLatin1String("wss://"), Qt::CaseInsensitive);
}

std::optional<client::ClientSettings> ClientPreferences::toClientSettings(Problem *problem) const
{
    const auto parsed = client::ServerUrl::parse(url.trimmed());
    if (const auto *error = std::get_if<client::ServerUrlError>(&parsed)) {
        fail(problem, Field::Url, QCoreApplication::translate(client::serverUrlErrorContext,
                                                              client::serverUrlErrorReason(*error)));
        return std::nullopt;
    }
    client::ClientSettings settings;
    settings.url = std::get<client::ServerUrl>(parsed);
    settings.offerDeflate = offerDeflate;
    const QStringList lines = headers.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        if (line.trimmed().isEmpty())
            continue;
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        const QByteArray name = line.left(colon).trimmed().toLatin1();
        if (colon <= 0 || !isToken(name)) {
            fail(problem, Field::Headers,
                 QCoreApplication::translate("wslab::app::ClientPreferences",
                                             "“%1” is not a header line: write Name: value")
                         .arg(line.trimmed()));
            return std::nullopt;
        }
        settings.headers.append({name, line.mid(colon + 1).trimmed().toUtf8()});
    }
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    for (const QString &protocol : subprotocols.split(separators, Qt::SkipEmptyParts)) {
        if (!isToken(protocol.toLatin1())) {
            fail(problem, Field::Subprotocols,
                 QCoreApplication::translate("wslab::app::ClientPreferences",
                                             "“%1” is not a subprotocol name: letters, digits and "
                                             "!#$%&'*+-.^_`|~ only")
                         .arg(protocol));
            return std::nullopt;
        }
        settings.subprotocols.append(protocol.toLatin1());
    }
    // The CA file and "insecure" only mean something for TLS (RFC 6455 §3: wss).
    if (settings.url.secure) {
        settings.insecure = insecure;
        if (!insecure && !caFile.trimmed().isEmpty()) {
            if (!QFileInfo(caFile.trimmed()).isReadable()) {
                fail(problem, Field::CaFile,
                     QCoreApplication::translate("wslab::app::ClientPreferences", "the CA file %1 cannot be read")
                             .arg(caFile.trimmed()));
                return std::nullopt;
            }
            settings.caFile = caFile.trimmed();
        }
    }
    return settings;
}

} // namespace wslab::app
