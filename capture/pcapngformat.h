#pragma once

#include <QtGlobal>

// The numbers of the pcapng format (draft-ietf-opsawg-pcapng) that both the reader and the writer
// of this layer use, so the two cannot drift apart.
namespace wslab::capture::pcapng {

// Block types (§4, §11.1). The Section Header Block's type reads the same in both byte orders.
inline constexpr quint32 sectionHeaderBlock = 0x0a0d0d0a;
inline constexpr quint32 interfaceDescriptionBlock = 1;
inline constexpr quint32 obsoletePacketBlock = 2;
inline constexpr quint32 simplePacketBlock = 3;
inline constexpr quint32 enhancedPacketBlock = 6;
// The Section Header Block's byte-order magic (§4.1): how it reads gives the section's byte order.
inline constexpr quint32 byteOrderMagic = 0x1a2b3c4d;

// Option codes (§3.5, §4.1, §4.2).
inline constexpr quint16 optionEnd = 0;
inline constexpr quint16 optionComment = 1;
inline constexpr quint16 shbUserApplication = 4;
inline constexpr quint16 ifTsresol = 9;

} // namespace wslab::capture::pcapng
