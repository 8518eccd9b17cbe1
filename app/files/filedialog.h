#pragma once

#include <QString>

#include <functional>

QT_BEGIN_NAMESPACE
class QWidget;
QT_END_NAMESPACE

namespace wslab::app {

// Asks the user for a file name to open or to save under. The windows ask through this value
// rather than QFileDialog directly, so that a test can answer with a path of its own.
class FileDialog
{
public:
    // (parent, caption, name filter, suggested name) -> chosen path, empty when cancelled.
    using Ask = std::function<QString(QWidget *, const QString &, const QString &, const QString &)>;

    FileDialog(); // the platform's dialogs
    FileDialog(Ask open, Ask save) : m_open(std::move(open)), m_save(std::move(save)) { }

    [[nodiscard]] QString openFileName(QWidget *parent, const QString &caption, const QString &filter) const
    {
        return m_open(parent, caption, filter, QString());
    }
    [[nodiscard]] QString saveFileName(QWidget *parent, const QString &caption, const QString &filter,
                                       const QString &suggested) const
    {
        return m_save(parent, caption, filter, suggested);
    }

private:
    Ask m_open;
    Ask m_save;
};

} // namespace wslab::app
