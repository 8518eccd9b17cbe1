#include "staticfiles.h"

#include <QFileInfo>
#include <QStringDecoder>

namespace wslab::server {

StaticFiles::StaticFiles(QString root)
    : m_root(std::move(root))
{
    while (m_root.endsWith(QLatin1Char('/')) && m_root.size() > 1)
        m_root.chop(1);
}

StaticFiles::Lookup StaticFiles::lookup(QByteArrayView encodedPath) const
{
    const std::optional<QString> relative = safeRelativePath(encodedPath);
    if (!relative)
        return {Status::Forbidden, {}, {}};
    QFileInfo info(m_root + QLatin1Char('/') + *relative);
    if (info.isDir())
        info.setFile(info.filePath() + QStringLiteral("/index.html"));
    if (!info.isFile() || info.size() > maxFileSize)
        return {Status::NotFound, {}, {}};
    return {Status::Found, info.filePath(), contentTypeFor(info.fileName())};
}

std::optional<QString> StaticFiles::safeRelativePath(QByteArrayView encodedPath)
{
    if (!encodedPath.startsWith('/'))
        return std::nullopt;
    const QByteArray decoded = QByteArray::fromPercentEncoding(encodedPath.toByteArray());
    if (decoded.contains('\0') || decoded.contains('\\'))
        return std::nullopt;
    QStringDecoder toUtf16(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString path = toUtf16(decoded);
    if (toUtf16.hasError())
        return std::nullopt;
    const QStringList segments = path.sliced(1).split(QLatin1Char('/'));
    QStringList kept;
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QString &segment = segments.at(i);
        const bool last = i == segments.size() - 1;
        if (segment.isEmpty() && last)
            break; // a trailing slash: the folder's index
        if (segment.isEmpty() || segment == QLatin1String(".") || segment == QLatin1String(".."))
            return std::nullopt;
        kept.append(segment);
    }
    if (kept.isEmpty() || path.endsWith(QLatin1Char('/')))
        kept.append(QStringLiteral("index.html"));
    return kept.join(QLatin1Char('/'));
}

QByteArray StaticFiles::contentTypeFor(QStringView fileName)
{
    struct Type
    {
        const char *suffix;
        const char *type;
    };
    static constexpr Type types[] = {
        {".html", "text/html; charset=utf-8"},
        {".htm", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},
        {".map", "application/json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".jpeg", "image/jpeg"},
        {".gif", "image/gif"},
        {".webp", "image/webp"},
        {".ico", "image/x-icon"},
        {".woff", "font/woff"},
        {".woff2", "font/woff2"},
        {".txt", "text/plain; charset=utf-8"},
        {".wasm", "application/wasm"},
    };
    for (const Type &type : types) {
        if (fileName.endsWith(QLatin1String(type.suffix), Qt::CaseInsensitive))
            return type.type;
    }
    return "application/octet-stream";
}

} // namespace wslab::server
