#pragma once

#include "client/clientsettings.h"

#include <QString>

#include <optional>

namespace wslab::app {

// Client mode as the settings keep it and the New Client Connection dialog edits it: the server's
// URL and the handshake's extras as typed. It checks itself into the ClientSettings the connection
// runs with, so the dialog refuses what the client could not use.
struct ClientPreferences
{
    QString url;          // ws://host:port/path or wss://...
    QString headers;      // extra request header fields, one "Name: value" a line
    QString subprotocols; // Sec-WebSocket-Protocol values, separated by commas or spaces
    bool offerDeflate = true;
    QString caFile;       // wss: PEM CA certificates trusted beside the system's
    bool insecure = false; // wss: the server's certificate is not checked

    // Where a problem is, so the dialog can show it beside its field.
    enum class Field : quint8 { Url, Headers, Subprotocols, CaFile };
    struct Problem
    {
        Field field = Field::Url;
        QString text; // translated
    };

    [[nodiscard]] bool isSecure() const;
    // What the connection runs with, or the first problem found.
    [[nodiscard]] std::optional<client::ClientSettings> toClientSettings(Problem *problem = nullptr) const;

    friend bool operator==(const ClientPreferences &, const ClientPreferences &) = default;
};

} // namespace wslab::app
