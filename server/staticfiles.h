#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace wslab::server {

// The page and its assets: a request path mapped to a file under one root (the compiled-in
// ":/web", or a folder), never outside it.
class StaticFiles
{
public:
    static constexpr qint64 maxFileSize = 32 * 1024 * 1024;

    enum class Status : quint8 { Found, NotFound, Forbidden };
    struct Lookup
    {
        Status status = Status::NotFound;
        QString filePath;     // Found: the file to send
        QByteArray contentType;
    };

    explicit StaticFiles(QString root = QStringLiteral(":/web"));

    [[nodiscard]] const QString &root() const noexcept { return m_root; }
    [[nodiscard]] Lookup lookup(QByteArrayView encodedPath) const;

    // "/" -> "index.html", "/js/app.js" -> "js/app.js", "/dir/" -> "dir/index.html"; nullopt for
    // anything that could leave the root once percent-decoded: "..", ".", backslashes, NUL, an
    // empty segment, invalid UTF-8, a path that does not start with '/'.
    [[nodiscard]] static std::optional<QString> safeRelativePath(QByteArrayView encodedPath);
    // "text/html; charset=utf-8" for "index.html"; application/octet-stream when unknown.
    [[nodiscard]] static QByteArray contentTypeFor(QStringView fileName);

private:
    QString m_root;
};

} // namespace wslab::server
