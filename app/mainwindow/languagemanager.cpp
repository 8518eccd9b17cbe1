#include "app/mainwindow/languagemanager.h"

#include "app/mainwindow/englishplurals.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace wslab::app {

LanguageManager::LanguageManager(QObject *parent)
    : QObject(parent)
    , m_englishPlurals(std::make_unique<EnglishPlurals>())
{
    // First in, so asked last: a language's own translator answers before it.
    QCoreApplication::installTranslator(m_englishPlurals.get());
}

LanguageManager::~LanguageManager()
{
    removeTranslators();
    QCoreApplication::removeTranslator(m_englishPlurals.get());
}

QList<LanguageManager::Language> LanguageManager::languages()
{
    // Each language is named in itself, so a learner finds theirs whatever the UI speaks now.
    return {{QStringLiteral("en"), QStringLiteral("English")},
            {QStringLiteral("zh_CN"), QStringLiteral("简体中文")}};
}

QString LanguageManager::systemLanguage()
{
    return QLocale::system().language() == QLocale::Chinese ? QStringLiteral("zh_CN") : QStringLiteral("en");
}

QString LanguageManager::normalized(const QString &code)
{
    const QString lower = code.trimmed().toLower().replace(QLatin1Char('-'), QLatin1Char('_'));
    if (lower.isEmpty())
        return {};
    if (lower == QLatin1String("en") || lower.startsWith(QLatin1String("en_")))
        return QStringLiteral("en");
    if (lower == QLatin1String("zh") || lower.startsWith(QLatin1String("zh_")))
        return QStringLiteral("zh_CN");
    return {};
}

bool LanguageManager::setLanguage(const QString &code)
{
    QString wanted = normalized(code);
    if (wanted.isEmpty())
        wanted = systemLanguage();

    removeTranslators();
    bool loaded = true;
    if (wanted != QLatin1String("en")) {
        m_appTranslator = std::make_unique<QTranslator>();
        loaded = m_appTranslator->load(QStringLiteral(":/i18n/wslab_%1.qm").arg(wanted));
        if (loaded) {
            QCoreApplication::installTranslator(m_appTranslator.get());
        } else {
            m_appTranslator.reset();
            wanted = QStringLiteral("en");
        }
        // Qt's own strings (standard buttons, context menus), when the system has them installed.
        auto qtTranslator = std::make_unique<QTranslator>();
        if (loaded && qtTranslator->load(QLocale(wanted), QStringLiteral("qtbase"), QStringLiteral("_"),
                                         QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            m_qtTranslator = std::move(qtTranslator);
            QCoreApplication::installTranslator(m_qtTranslator.get());
        }
    }
    // Installing or removing a translator already posts LanguageChange; English after English
    // changes nothing, so only announce a real change.
    const bool changed = wanted != m_current;
    m_current = wanted;
    if (changed)
        Q_EMIT languageChanged(m_current);
    return loaded;
}

void LanguageManager::removeTranslators()
{
    if (m_appTranslator)
        QCoreApplication::removeTranslator(m_appTranslator.get());
    if (m_qtTranslator)
        QCoreApplication::removeTranslator(m_qtTranslator.get());
    m_appTranslator.reset();
    m_qtTranslator.reset();
}

} // namespace wslab::app
