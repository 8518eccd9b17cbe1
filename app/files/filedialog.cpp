#include "app/files/filedialog.h"

#include <QFileDialog>

namespace wslab::app {

FileDialog::FileDialog()
    : m_open([](QWidget *parent, const QString &caption, const QString &filter, const QString &) {
        return QFileDialog::getOpenFileName(parent, caption, QString(), filter);
    })
    , m_save([](QWidget *parent, const QString &caption, const QString &filter, const QString &suggested) {
        return QFileDialog::getSaveFileName(parent, caption, suggested, filter);
    })
{
}

} // namespace wslab::app
