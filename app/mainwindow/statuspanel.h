#pragma once

#include <QWidget>

#include <optional>

QT_BEGIN_NAMESPACE
class QLabel;
class QToolButton;
QT_END_NAMESPACE

namespace wslab::app {

// The status bar's permanent part: what wslab is on the wire in its mode (the embedded server's
// listening address; the proxy's address and the upstream it relays to; the client's server and
// whether it is connecting, connected or closed), click to copy; how many clients, how fast frames
// arrive, and whether the capture is live, paused or holding frames.
class StatusPanel : public QWidget
{
    Q_OBJECT
public:
    enum class CaptureState : quint8 { Live, Paused };

    explicit StatusPanel(QWidget *parent = nullptr);

    // What the client connection is doing (client mode).
    enum class ClientState : quint8 { Connecting, Connected, Closed };

    // The address a click copies: the page (embedded server, proxy) or the server (client mode).
    [[nodiscard]] QString url() const { return m_url; }
    [[nodiscard]] QString addressText() const;
    [[nodiscard]] QString clientsText() const;
    [[nodiscard]] QString ratesText() const;

public Q_SLOTS:
    void setListening(const QString &url);
    void setNotListening(const QString &why);
    // Proxy mode: listening at `url`, relaying to `upstream`; `insecure`: its certificate is not checked.
    void setProxying(const QString &url, const QString &upstream, bool insecure);
    // Client mode: the server wslab connects to; `closeCode` once Closed, if the server sent one.
    void setClient(wslab::app::StatusPanel::ClientState state, const QString &serverUrl,
                   std::optional<quint16> closeCode = std::nullopt);
    void setClients(int count);
    void setRates(double framesPerSecond, double bytesPerSecond);
    void setCaptureState(wslab::app::StatusPanel::CaptureState state);
    void setHeld(bool holding, int heldFrames);
    void copyUrl();

Q_SIGNALS:
    void urlCopied(const QString &url);

protected:
    void changeEvent(QEvent *event) override;

private:
    enum class Role : quint8 { Server, Proxy, Client };

    void retranslateUi();
    void showAddress();

    Role m_role = Role::Server;
    ClientState m_clientState = ClientState::Connecting;
    std::optional<quint16> m_closeCode;
    QString m_upstream;
    bool m_insecure = false;
    QString m_url;
    QString m_notListening;
    int m_clients = 0;
    double m_framesPerSecond = 0;
    double m_bytesPerSecond = 0;
    CaptureState m_state = CaptureState::Live;
    bool m_holding = false;
    int m_heldFrames = 0;

    QToolButton *m_urlButton = nullptr;
    QLabel *m_clientsLabel = nullptr;
    QLabel *m_ratesLabel = nullptr;
    QLabel *m_stateLabel = nullptr;
};

} // namespace wslab::app
