#pragma once

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

QT_BEGIN_NAMESPACE
class QTranslator;
QT_END_NAMESPACE

namespace wslab::app {

// Which language the UI speaks. Installs the app's translator (compiled from
// resources/translations) and Qt's own, so every widget gets QEvent::LanguageChange and
// retranslates in place: switching needs no restart.
class LanguageManager : public QObject
{
    Q_OBJECT
public:
    struct Language
    {
        QString code;       // "en", "zh_CN"
        QString nativeName; // as the language names itself: "English", "简体中文"
    };

    explicit LanguageManager(QObject *parent = nullptr);
    ~LanguageManager() override;

    [[nodiscard]] static QList<Language> languages();
    // "zh_CN" when the system speaks Chinese, "en" otherwise.
    [[nodiscard]] static QString systemLanguage();
    // "en" and "zh_CN" as they are; "zh", "zh-CN", "zh_Hans" ... map to "zh_CN"; unknown -> "".
    [[nodiscard]] static QString normalized(const QString &code);

    [[nodiscard]] QString current() const { return m_current; }

public Q_SLOTS:
    // Returns through languageChanged(); an empty or unknown code means the system language.
    bool setLanguage(const QString &code);

Q_SIGNALS:
    void languageChanged(const QString &code);

private:
    void removeTranslators();

    QString m_current = QStringLiteral("en");
    std::unique_ptr<QTranslator> m_englishPlurals;
    std::unique_ptr<QTranslator> m_appTranslator;
    std::unique_ptr<QTranslator> m_qtTranslator;
};

} // namespace wslab::app
