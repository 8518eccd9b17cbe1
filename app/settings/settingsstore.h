#pragma once

#include "app/settings/apppreferences.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

QT_BEGIN_NAMESPACE
class QSettings;
QT_END_NAMESPACE

namespace wslab::app {

// Reads and writes the preferences and the window layout. The default store is the user's
// QSettings; tests and --settings pass a file so they never touch the user's configuration.
class SettingsStore
{
public:
    SettingsStore();                                // the user's configuration
    explicit SettingsStore(const QString &iniPath); // a file of its own
    ~SettingsStore();
    SettingsStore(const SettingsStore &) = delete;
    SettingsStore &operator=(const SettingsStore &) = delete;

    [[nodiscard]] AppPreferences load() const;
    void save(const AppPreferences &preferences);

    [[nodiscard]] QByteArray windowGeometry() const;
    [[nodiscard]] QByteArray windowState() const;
    void saveWindow(const QByteArray &geometry, const QByteArray &state);
    void clearWindow();

    // File > Open Recent, newest first; and whether quitting with an unsaved live capture asks.
    [[nodiscard]] QStringList recentFiles() const;
    void saveRecentFiles(const QStringList &paths);
    [[nodiscard]] bool askToSaveOnQuit() const;
    void setAskToSaveOnQuit(bool ask);

    void sync();

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace wslab::app
