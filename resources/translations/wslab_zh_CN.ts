<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>wslab::app::AutoDemo</name>
    <message>
        <source>the demo&apos;s settings are out of range</source>
        <translation>演示的设置超出范围</translation>
    </message>
    <message>
        <source>the server is not listening</source>
        <translation>服务器没有在监听</translation>
    </message>
    <message>
        <source>POST /send answered HTTP %1</source>
        <translation>POST /send 的应答是 HTTP %1</translation>
    </message>
    <message>
        <source>only %1 of %2 receivers connected within %3 ms</source>
        <translation>%3 毫秒内只有 %1/%2 个接收端连上</translation>
    </message>
    <message>
        <source>not every receiver heard the first line</source>
        <translation>并非每个接收端都收到了第一行</translation>
    </message>
    <message>
        <source>the time limit struck before measuring began</source>
        <translation>开始测量之前就到了时间上限</translation>
    </message>
</context>
<context>
    <name>wslab::app::AutoDemoDialog</name>
    <message>
        <source>Connecting the receivers…</source>
        <translation>正在连接接收端…</translation>
    </message>
    <message>
        <source>Waiting until every receiver has caught up…</source>
        <translation>正在等待每个接收端跟上…</translation>
    </message>
    <message>
        <source>Sending the lines…</source>
        <translation>正在发送各行…</translation>
    </message>
    <message>
        <source>Waiting for the last deliveries…</source>
        <translation>正在等待最后的投递…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Run demo</source>
        <translation>运行演示</translation>
    </message>
    <message>
        <source>Polling, long polling and WebSocket compared</source>
        <translation>轮询、长轮询与 WebSocket 对比</translation>
    </message>
    <message>
        <source>&amp;Receivers per transport:</source>
        <translation>每种传输的接收端数(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Lines:</source>
        <translation>行数(&amp;L)：</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>One client posts numbered lines with POST /send while idle receivers listen on each transport, all at the same time. The receivers count every byte they write and read and how late each line arrives: the same conversation costs each transport differently.</source>
        <translation>一个客户端用 POST /send 发送编号的文本行，与此同时，各传输方式上的空闲接收端都在收听。接收端统计自己写入和读取的每个字节，以及每行晚到多久：同样的对话，在不同传输方式上的代价各不相同。</translation>
    </message>
    <message>
        <source>&amp;One line every:</source>
        <translation>每行间隔(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Polling every:</source>
        <translation>轮询间隔(&amp;P)：</translation>
    </message>
</context>
<context>
    <name>wslab::app::BrokenFramePanel</name>
    <message>
        <source>Broken client frames</source>
        <translation>违规的客户端帧</translation>
    </message>
    <message>
        <source>&amp;Break:</source>
        <translation>违规方式(&amp;B)：</translation>
    </message>
    <message>
        <source>Send broken frame</source>
        <translation>发送违规帧</translation>
    </message>
    <message>
        <source>Sends this one frame as it is, then waits up to %1 s for the server&apos;s reaction</source>
        <translation>按原样发送这一帧，然后最多等待 %1 秒看服务器的反应</translation>
    </message>
    <message>
        <source>Sent %1; waiting for the server&apos;s reaction…</source>
        <translation>已发送“%1”，正在等待服务器的反应…</translation>
    </message>
    <message>
        <source>Required of the server: close %1.</source>
        <translation>服务器应当以此关闭：%1。</translation>
    </message>
    <message>
        <source>The server closed with %1.</source>
        <translation>服务器关闭，关闭码为 %1。</translation>
    </message>
    <message>
        <source>The server closed with %1, reason &quot;%2&quot;.</source>
        <translation>服务器关闭，关闭码为 %1，原因“%2”。</translation>
    </message>
    <message>
        <source>The server did nothing within %1 s: the connection is still open.</source>
        <translation>服务器在 %1 秒内没有任何反应：连接仍然打开。</translation>
    </message>
    <message>
        <source>The server closed TCP without a close frame.</source>
        <translation>服务器没有发送关闭帧就关闭了 TCP。</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1：</translation>
    </message>
    <message>
        <source>Verdict: %1.</source>
        <translation>结论：%1。</translation>
    </message>
</context>
<context>
    <name>wslab::app::CaptureFileActions</name>
    <message>
        <source>&amp;Open Capture File…</source>
        <translation>打开捕获文件(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a pcap, pcapng or HAR file in a window of its own</source>
        <translation>在单独的窗口中打开 pcap、pcapng 或 HAR 文件</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save Capture</source>
        <translation>保存捕获(&amp;S)</translation>
    </message>
    <message>
        <source>Save the live capture as pcapng, which Wireshark also opens</source>
        <translation>将实时捕获保存为 pcapng，Wireshark 也能打开</translation>
    </message>
    <message>
        <source>Save Capture &amp;As…</source>
        <translation>捕获另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;HAR (Chrome DevTools)…</source>
        <translation>&amp;HAR（Chrome 开发者工具）…</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Open Capture File</source>
        <translation>打开捕获文件</translation>
    </message>
    <message>
        <source>Capture files (*.pcapng *.pcap *.cap *.har);;All files (*)</source>
        <translation>捕获文件 (*.pcapng *.pcap *.cap *.har);;所有文件 (*)</translation>
    </message>
    <message>
        <source>File Not Found</source>
        <translation>找不到文件</translation>
    </message>
    <message>
        <source>%1 is no longer there; it has been removed from the recent files.</source>
        <translation>%1 已不存在，已从最近打开的文件中移除。</translation>
    </message>
    <message>
        <source>Save Capture</source>
        <translation>保存捕获</translation>
    </message>
    <message>
        <source>pcapng files (*.pcapng)</source>
        <translation>pcapng 文件 (*.pcapng)</translation>
    </message>
    <message>
        <source>Saved 1 record to %1</source>
        <translation>已将 1 条记录保存到 %1</translation>
    </message>
    <message>
        <source>Saved %1 records to %2</source>
        <translation>已将 %1 条记录保存到 %2</translation>
    </message>
    <message>
        <source>Export HAR</source>
        <translation>导出 HAR</translation>
    </message>
    <message>
        <source>HAR files (*.har)</source>
        <translation>HAR 文件 (*.har)</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>Save the Capture?</source>
        <translation>保存捕获吗？</translation>
    </message>
    <message>
        <source>The live capture has 1 record that was never saved. Save it before quitting?</source>
        <translation>实时捕获中有 1 条记录尚未保存。退出前要保存吗？</translation>
    </message>
    <message>
        <source>The live capture has %1 records that were never saved. Save them before quitting?</source>
        <translation>实时捕获中有 %1 条记录尚未保存。退出前要保存吗？</translation>
    </message>
    <message>
        <source>Do not ask again</source>
        <translation>不再询问</translation>
    </message>
</context>
<context>
    <name>wslab::app::CaptureFileLoader</name>
    <message>
        <source>%1.</source>
        <translation>%1。</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1：%2。</translation>
    </message>
    <message>
        <source>%1: it is neither pcap, pcapng nor HAR.</source>
        <translation>%1：它既不是 pcap、pcapng，也不是 HAR。</translation>
    </message>
    <message>
        <source>%1 at byte %2. Everything before that byte is shown.</source>
        <translation>%1，位于第 %2 字节。该字节之前的内容均已显示。</translation>
    </message>
</context>
<context>
    <name>wslab::app::CaptureFileRunner</name>
    <message>
        <source>wslab: cannot write %1: %2</source>
        <translation>wslab：无法写入 %1：%2</translation>
    </message>
    <message>
        <source>wslab: %1: %2 at byte %3%4</source>
        <translation>wslab：%1：%2，位于第 %3 字节%4</translation>
    </message>
    <message>
        <source>wslab: %1: %2%3</source>
        <translation>wslab：%1：%2%3</translation>
    </message>
</context>
<context>
    <name>wslab::app::CaptureFileWindow</name>
    <message>
        <source>%1 — WebSocket Lab</source>
        <extracomment>the title of a capture file&apos;s window: the file&apos;s name, then the application&apos;s</extracomment>
        <translation>%1 — WebSocket Lab</translation>
    </message>
    <message>
        <source>Frame</source>
        <translation>帧</translation>
    </message>
    <message>
        <source>Handshake</source>
        <translation>握手</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>重新读取(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Decode as WebSocket on Port…</source>
        <translation>按端口解码为 WebSocket(&amp;D)…</translation>
    </message>
    <message>
        <source>Read connections to a server port as WebSocket from their first byte, for a capture that started after the upgrade</source>
        <translation>将连到某个服务器端口的连接从第一个字节起按 WebSocket 解读，适用于在升级之后才开始的捕获</translation>
    </message>
    <message>
        <source>&amp;HAR (Chrome DevTools)…</source>
        <translation>&amp;HAR（Chrome 开发者工具）…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Find in Capture</source>
        <translation>在捕获中查找(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Capture</source>
        <translation>捕获(&amp;C)</translation>
    </message>
    <message>
        <source>Decode as WebSocket</source>
        <translation>解码为 WebSocket</translation>
    </message>
    <message>
        <source>Server ports whose connections are WebSocket from their first byte (the capture began after the upgrade), separated by commas:</source>
        <translation>其连接从第一个字节起即为 WebSocket 的服务器端口（捕获开始于升级之后），以逗号分隔：</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a port number (1–65535).</source>
        <translation>“%1”不是端口号（1–65535）。</translation>
    </message>
    <message>
        <source>Export HAR</source>
        <translation>导出 HAR</translation>
    </message>
    <message>
        <source>HAR files (*.har)</source>
        <translation>HAR 文件 (*.har)</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>1 record</source>
        <translation>1 条记录</translation>
    </message>
    <message>
        <source>%1 records</source>
        <translation>%1 条记录</translation>
    </message>
    <message>
        <source>Reading %1: %2 so far…</source>
        <translation>正在读取 %1：已读 %2…</translation>
    </message>
    <message>
        <source>Reading cancelled: %1 read.</source>
        <translation>已取消读取：读取了 %1。</translation>
    </message>
</context>
<context>
    <name>wslab::app::CaptureSaver</name>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation>无法写入 %1：%2。</translation>
    </message>
</context>
<context>
    <name>wslab::app::CaptureView</name>
    <message>
        <source>Replay…</source>
        <translation>重放…</translation>
    </message>
</context>
<context>
    <name>wslab::app::ChatPane</name>
    <message>
        <source>&amp;To:</source>
        <translation>发给(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Fragments:</source>
        <translation>分片数(&amp;F)：</translation>
    </message>
    <message>
        <source>Split each message into this many frames: the first carries the opcode, the rest are continuation frames, the last has FIN = 1 (RFC 6455 §5.4).</source>
        <translation>把每条消息拆成这么多帧：第一帧带操作码，其余是延续帧，最后一帧 FIN = 1（RFC 6455 §5.4）。</translation>
    </message>
    <message>
        <source>Type a message and press Enter</source>
        <translation>输入消息后按回车</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Binary</source>
        <translation>二进制</translation>
    </message>
    <message>
        <source>Large</source>
        <translation>大消息</translation>
    </message>
    <message>
        <source>Ping</source>
        <translation>Ping</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Hex bytes, e.g. de ad be ef</source>
        <translation>十六进制字节，例如 de ad be ef</translation>
    </message>
    <message>
        <source>Send hex</source>
        <translation>发送十六进制</translation>
    </message>
    <message>
        <source>Send file…</source>
        <translation>发送文件…</translation>
    </message>
    <message>
        <source>A binary message (opcode 0x2). The page receives an ArrayBuffer.</source>
        <translation>二进制消息（操作码 0x2）。页面收到的是一个 ArrayBuffer。</translation>
    </message>
    <message>
        <source>&amp;Size:</source>
        <translation>大小(&amp;S)：</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>binary</source>
        <translation>二进制</translation>
    </message>
    <message>
        <source>Send generated</source>
        <translation>发送生成的消息</translation>
    </message>
    <message>
        <source>&amp;Payload:</source>
        <translation>载荷(&amp;P)：</translation>
    </message>
    <message>
        <source>At most 125 bytes: a control frame cannot carry more (RFC 6455 §5.5)</source>
        <translation>最多 125 字节：控制帧不能携带更多（RFC 6455 §5.5）</translation>
    </message>
    <message>
        <source>The browser answers a ping with a pong carrying the same payload (RFC 6455 §5.5.2); the round trip shows here.</source>
        <translation>浏览器收到 ping 后会回一个携带相同载荷的 pong（RFC 6455 §5.5.2）；往返时间显示在这里。</translation>
    </message>
    <message>
        <source>C&amp;ode:</source>
        <translation>关闭码(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>optional, UTF-8, at most 123 bytes</source>
        <translation>可选，UTF-8，最多 123 字节</translation>
    </message>
    <message>
        <source>Close connection</source>
        <translation>关闭连接</translation>
    </message>
    <message>
        <source>%1 client via %2</source>
        <translation>%1 客户端，经由 %2</translation>
    </message>
    <message>
        <source>The browser answers with a Close frame of its own, then the TCP connection closes (RFC 6455 §5.5.1).</source>
        <translation>浏览器会回送它自己的关闭帧，随后 TCP 连接关闭（RFC 6455 §5.5.1）。</translation>
    </message>
    <message>
        <source>Registered close codes (RFC 6455 §7.4.1). 4000-4999 are for private use; type any other number to try it.</source>
        <translation>已注册的关闭码（RFC 6455 §7.4.1）。4000-4999 供私用；也可以输入其他数字试试。</translation>
    </message>
    <message>
        <source>Up to 125 bytes: the length fits in the 7-bit field.</source>
        <translation>不超过 125 字节：长度放得进 7 位字段。</translation>
    </message>
    <message>
        <source>126 to 65,535 bytes: the 7-bit field says 126 and the next 16 bits hold the length.</source>
        <translation>126 到 65,535 字节：7 位字段写 126，后面 16 位存放长度。</translation>
    </message>
    <message>
        <source>65,536 bytes or more: the 7-bit field says 127 and the next 64 bits hold the length.</source>
        <translation>65,536 字节及以上：7 位字段写 127，后面 64 位存放长度。</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <source>everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <source>binary message</source>
        <translation>二进制消息</translation>
    </message>
    <message>
        <source>text message</source>
        <translation>文本消息</translation>
    </message>
    <message>
        <source>Sent a %1 of %2 to %3</source>
        <translation>已向 %3 发送%1（%2）</translation>
    </message>
    <message>
        <source>Not hex: type pairs of hex digits, e.g. de ad be ef</source>
        <translation>不是十六进制：请输入成对的十六进制数字，例如 de ad be ef</translation>
    </message>
    <message>
        <source>Send a file as a binary message</source>
        <translation>把文件作为二进制消息发送</translation>
    </message>
    <message>
        <source>%1 is larger than %2, the message size limit</source>
        <translation>%1 大于 %2，超过了消息大小上限</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Closing %1 with %2 %3</source>
        <translation>正在以 %2 %3 关闭 %1</translation>
    </message>
    <message>
        <source>Choose a close code first</source>
        <translation>请先选择一个关闭码</translation>
    </message>
    <message>
        <source>%1 joined</source>
        <translation>%1 加入了</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 离开了</translation>
    </message>
    <message>
        <source>%1 is now known as %2</source>
        <translation>%1 改名为 %2</translation>
    </message>
    <message>
        <source>Connection #%1 from %2 (%3)</source>
        <translation>来自 %2 的连接 #%1（%3）</translation>
    </message>
    <message>
        <source>%1 disconnected: %2 %3</source>
        <translation>%1 已断开：%2 %3</translation>
    </message>
    <message>
        <source>Pong from %1: round trip %2 ms, payload &quot;%3&quot;</source>
        <translation>来自 %1 的 pong：往返 %2 毫秒，载荷“%3”</translation>
    </message>
    <message>
        <source>in %1 frames</source>
        <translation>（分成 %1 帧）</translation>
    </message>
    <message>
        <source>Sent as a chat line to %1 in %2 frames</source>
        <translation>已作为聊天消息分成 %2 帧发给 %1</translation>
    </message>
    <message>
        <source>Show all (%1)</source>
        <translation>显示全部（%1）</translation>
    </message>
    <message>
        <source>That message is no longer kept: only the latest long messages are.</source>
        <translation>这条消息已不再保留：只保留最近的长消息。</translation>
    </message>
    <message>
        <source>Whole message (%1)</source>
        <translation>完整消息（%1）</translation>
    </message>
    <message>
        <source>%1 timed out: no request for %2 s</source>
        <translation>%1已超时：%2 秒内没有请求</translation>
    </message>
    <message>
        <source>%1 stopped polling and said goodbye (POST /leave)</source>
        <translation>%1停止轮询并已告别（POST /leave）</translation>
    </message>
    <message>
        <source>(to %1, privately)</source>
        <translation>（私下发给 %1）</translation>
    </message>
    <message>
        <source>Watch the length field in the bit diagram (RFC 6455 §5.2). On a connection that agreed to compression, the length is that of the compressed bytes, often far fewer.</source>
        <translation>请在位图中观察长度字段（RFC 6455 §5.2）。在协商了压缩的连接上，长度是压缩后字节的长度，往往少得多。</translation>
    </message>
    <message>
        <source>A binary message (opcode 0x2), masked as every client frame is.</source>
        <translation>二进制消息（操作码 0x2），与每个客户端帧一样经过掩码处理。</translation>
    </message>
    <message>
        <source>The server answers a ping with a pong carrying the same payload (RFC 6455 §5.5.2); the round trip shows here.</source>
        <translation>服务器以携带相同载荷的 pong 回应 ping（RFC 6455 §5.5.2）；往返时间显示在这里。</translation>
    </message>
    <message>
        <source>The server answers with a Close frame of its own and closes the TCP connection first (RFC 6455 §5.5.1, §7.1.1).</source>
        <translation>服务器回应一个自己的关闭帧，并先关闭 TCP 连接（RFC 6455 §5.5.1、§7.1.1）。</translation>
    </message>
    <message>
        <source>the server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>Sent as a text message to %1 in %2 frames</source>
        <translation>已作为文本消息分 %2 帧发送给 %1</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>binary message of %1: %2</source>
        <translation>%1 的二进制消息：%2</translation>
    </message>
</context>
<context>
    <name>wslab::app::ClientConnectionDialog</name>
    <message>
        <source>New Client Connection</source>
        <translation>新建客户端连接</translation>
    </message>
    <message>
        <source>wslab connects to your server as a browser would. The Chat and Composer panels talk to it; the inspector shows both directions, frames from wslab masked (RFC 6455 §5.3).</source>
        <translation>wslab 像浏览器一样连接到你的服务器。聊天和帧编辑器面板与它对话；检查器显示两个方向的帧，wslab 发出的帧经过掩码处理（RFC 6455 §5.3）。</translation>
    </message>
    <message>
        <source>Server &amp;URL:</source>
        <translation>服务器 URL(&amp;U)：</translation>
    </message>
    <message>
        <source>Extra &amp;headers:</source>
        <translation>附加头部(&amp;H)：</translation>
    </message>
    <message>
        <source>Header fields added to the opening handshake, one &quot;Name: value&quot; a line</source>
        <translation>加入开始握手的头部字段，每行一个“名称：值”</translation>
    </message>
    <message>
        <source>&amp;Subprotocols:</source>
        <translation>子协议(&amp;S)：</translation>
    </message>
    <message>
        <source>Offered in Sec-WebSocket-Protocol, in order of preference (RFC 6455 §1.9)</source>
        <translation>按优先顺序在 Sec-WebSocket-Protocol 中提供（RFC 6455 §1.9）</translation>
    </message>
    <message>
        <source>Offer permessage-&amp;deflate (RFC 7692)</source>
        <translation>提供 permessage-deflate 压缩（RFC 7692）(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;CA file (wss):</source>
        <translation>CA 文件（wss://）(&amp;C)：</translation>
    </message>
    <message>
        <source>PEM certificates trusted beside the system&apos;s</source>
        <translation>除系统证书外另行信任的 PEM 证书</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>&amp;Insecure: do not check the server&apos;s certificate (wss)</source>
        <translation>不安全：不检查服务器的证书（wss://）(&amp;I)</translation>
    </message>
    <message>
        <source>⚠ Anyone between you and the server can read and change this connection. Use it only for a test server whose certificate you cannot trust otherwise.</source>
        <translation>⚠ 你和服务器之间的任何人都能读取并篡改这个连接。只用于无法以其他方式信任其证书的测试服务器。</translation>
    </message>
    <message>
        <source>C&amp;onnect</source>
        <translation>连接(&amp;O)</translation>
    </message>
    <message>
        <source>⚠ %1.</source>
        <translation>⚠ %1。</translation>
    </message>
    <message>
        <source>CA Certificates</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation>PEM 证书 (*.pem *.crt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>&amp;Use This Server</source>
        <translation>使用此服务器(&amp;U)</translation>
    </message>
</context>
<context>
    <name>wslab::app::ClientListModel</name>
    <message>
        <source>%1, path %2</source>
        <translation>%1，路径 %2</translation>
    </message>
    <message>
        <source>(joining)</source>
        <translation>（加入中）</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation>昵称</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>传输方式</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>连接时间</translation>
    </message>
    <message>
        <source>In</source>
        <translation>收</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>发</translation>
    </message>
    <message>
        <source>Connection number, as in the frames table</source>
        <translation>连接编号，与帧表中的一致</translation>
    </message>
    <message>
        <source>Connected since</source>
        <translation>连接开始于</translation>
    </message>
    <message>
        <source>Frames (or requests) received from this client</source>
        <translation>从该客户端收到的帧（或请求）数</translation>
    </message>
    <message>
        <source>Frames (or responses) sent to this client</source>
        <translation>发给该客户端的帧（或响应）数</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>wslab::app::ClientPreferences</name>
    <message>
        <source>“%1” is not a header line: write Name: value</source>
        <translation>“%1”不是头部行：请写成“名称：值”（名称后跟英文冒号）</translation>
    </message>
    <message>
        <source>“%1” is not a subprotocol name: letters, digits and !#$%&amp;&apos;*+-.^_`|~ only</source>
        <translation>“%1”不是子协议名：只能用字母、数字和 !#$%&amp;&apos;*+-.^_`|~</translation>
    </message>
    <message>
        <source>the CA file %1 cannot be read</source>
        <translation>无法读取 CA 文件 %1</translation>
    </message>
</context>
<context>
    <name>wslab::app::ClientRunner</name>
    <message>
        <source>connecting to %1</source>
        <translation>正在连接 %1</translation>
    </message>
    <message>
        <source>connected to %1%2%3</source>
        <translation>已连接到 %1%2%3</translation>
    </message>
    <message>
        <source>, subprotocol %1</source>
        <translation>，子协议 %1</translation>
    </message>
    <message>
        <source>, permessage-deflate</source>
        <translation>，permessage-deflate</translation>
    </message>
    <message>
        <source>error: line %1 is not hexadecimal; not sent</source>
        <translation>错误：第 %1 行不是十六进制，未发送</translation>
    </message>
    <message>
        <source>closed cleanly (1000 Normal Closure)</source>
        <translation>已正常关闭（1000 Normal Closure）</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>status %1</source>
        <translation>状态码 %1</translation>
    </message>
    <message>
        <source>permessage-deflate answer: %1 (RFC 7692 §5)</source>
        <translation>permessage-deflate 应答：%1（RFC 7692 §5）</translation>
    </message>
    <message>
        <source>%1 (%2); closed with %3</source>
        <translation>%1（%2）；已以 %3 关闭</translation>
    </message>
    <message>
        <source>close code %1 %2, reason &quot;%3&quot;</source>
        <translation>关闭码 %1 %2，原因“%3”</translation>
    </message>
    <message>
        <source>interrupted; closed cleanly (1001 Going Away)</source>
        <translation>已中断；已正常关闭（1001 Going Away）</translation>
    </message>
    <message>
        <source>stopping now</source>
        <translation>立即停止</translation>
    </message>
    <message>
        <source>closing (1001 Going Away)…</source>
        <translation>正在关闭（1001 Going Away）…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>a failure, then its details</comment>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>; </source>
        <comment>between two details</comment>
        <translation>；</translation>
    </message>
    <message>
        <source>close code %1 %2, no reason</source>
        <translation>关闭码 %1 %2，没有原因</translation>
    </message>
</context>
<context>
    <name>wslab::app::CommandLine</name>
    <message>
        <source>WebSocket Lab: a WebSocket server with a frame inspector, for learning and debugging RFC 6455.

Endpoints: / (chat page), /chatsocket (chat), /echo (echo), /poll, /longpoll, /send (HTTP transports).</source>
        <translation>WebSocket Lab：带帧检查器的 WebSocket 服务器，用于学习和调试 RFC 6455。

端点：/（聊天页面）、/chatsocket（聊天）、/echo（回显）、/poll、/longpoll、/send（HTTP 传输方式）。</translation>
    </message>
    <message>
        <source>Show this help and exit.</source>
        <translation>显示此帮助并退出。</translation>
    </message>
    <message>
        <source>Show the version and exit.</source>
        <translation>显示版本并退出。</translation>
    </message>
    <message>
        <source>Run the server without a window; print one line per frame or HTTP message (time, connection, direction C→S / S→C, FIN, RSV, opcode, MASK, length and its tier, payload preview). Ctrl-C closes every client with 1001 and exits.</source>
        <translation>不开窗口运行服务器；每个帧或 HTTP 消息打印一行（时间、连接、方向 C→S / S→C、FIN、RSV、操作码、MASK、长度及其档位、载荷预览）。Ctrl-C 以 1001 关闭所有客户端后退出。</translation>
    </message>
    <message>
        <source>Listen on this TCP port (default 8002; 0 = any free port).</source>
        <translation>监听此 TCP 端口（默认 8002；0 = 任意空闲端口）。</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Listen on this address (default 127.0.0.1). Anything else makes the server reachable from other machines.</source>
        <translation>监听此地址（默认 127.0.0.1）。其他地址会让别的机器也能连到服务器。</translation>
    </message>
    <message>
        <source>ADDR</source>
        <translation>ADDR</translation>
    </message>
    <message>
        <source>Also accept WebSocket upgrades from pages of this origin, e.g. https://example.com (repeatable; &apos;*&apos; accepts every origin). By default only the app&apos;s own page may connect.</source>
        <translation>也接受来自此源的页面发起的 WebSocket 升级，例如 https://example.com（可重复；&apos;*&apos; 接受所有源）。默认只有本应用自己的页面可以连接。</translation>
    </message>
    <message>
        <source>ORIGIN</source>
        <translation>ORIGIN</translation>
    </message>
    <message>
        <source>Largest message accepted, in bytes (K, M, G suffixes allowed; default 16M). Larger ones are closed with 1009.</source>
        <translation>可接受的最大消息，单位字节（可用 K、M、G 后缀；默认 16M）。更大的消息以 1009 关闭。</translation>
    </message>
    <message>
        <source>BYTES</source>
        <translation>BYTES</translation>
    </message>
    <message>
        <source>Largest frame payload accepted, in bytes (default 16M); decided from the frame header, before the payload is read.</source>
        <translation>可接受的最大帧载荷，单位字节（默认 16M）；在读取载荷之前，仅凭帧头判断。</translation>
    </message>
    <message>
        <source>Split outgoing messages into frames of at most this many payload bytes (default 0: one frame per message).</source>
        <translation>把发出的消息拆成载荷最多这么多字节的帧（默认 0：每条消息一帧）。</translation>
    </message>
    <message>
        <source>Ping a client after this many idle milliseconds (default 0: never).</source>
        <translation>客户端空闲这么多毫秒后向它发送 ping（默认 0：从不）。</translation>
    </message>
    <message>
        <source>MS</source>
        <translation>MS</translation>
    </message>
    <message>
        <source>Record nothing (fastest; headless prints nothing either).</source>
        <translation>什么都不记录（最快；无界面模式也不打印任何内容）。</translation>
    </message>
    <message>
        <source>Every WebSocket endpoint echoes, /chatsocket included (conformance runs).</source>
        <translation>每个 WebSocket 端点都回显，包括 /chatsocket（一致性测试用）。</translation>
    </message>
    <message>
        <source>Headless: do not print a line per record.</source>
        <translation>无界面模式：不为每条记录打印一行。</translation>
    </message>
    <message>
        <source>User interface language: en or zh_CN.</source>
        <translation>界面语言：en 或 zh_CN。</translation>
    </message>
    <message>
        <source>CODE</source>
        <translation>CODE</translation>
    </message>
    <message>
        <source>Serve the page from this folder instead of the built-in copy.</source>
        <translation>从此文件夹提供页面，而不是使用内置副本。</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>DIR</translation>
    </message>
    <message>
        <source>--port needs a number from 0 to 65535, not &quot;%1&quot;</source>
        <translation>--port 需要 0 到 65535 之间的数字，而不是“%1”</translation>
    </message>
    <message>
        <source>--bind needs an IP address, not &quot;%1&quot;</source>
        <translation>--bind 需要一个 IP 地址，而不是“%1”</translation>
    </message>
    <message>
        <source>warning: listening on %1 makes the server reachable from other machines</source>
        <translation>警告：监听 %1 会让别的机器也能连到服务器</translation>
    </message>
    <message>
        <source>--max-message needs a size in bytes, not &quot;%1&quot;</source>
        <translation>--max-message 需要以字节为单位的大小，而不是“%1”</translation>
    </message>
    <message>
        <source>--max-frame needs a size in bytes, not &quot;%1&quot;</source>
        <translation>--max-frame 需要以字节为单位的大小，而不是“%1”</translation>
    </message>
    <message>
        <source>--fragment-size needs a size in bytes, not &quot;%1&quot;</source>
        <translation>--fragment-size 需要以字节为单位的大小，而不是“%1”</translation>
    </message>
    <message>
        <source>--ping-interval needs milliseconds, not &quot;%1&quot;</source>
        <translation>--ping-interval 需要毫秒数，而不是“%1”</translation>
    </message>
    <message>
        <source>Try &apos;wslab --help&apos;.</source>
        <translation>请运行 &apos;wslab --help&apos; 查看帮助。</translation>
    </message>
    <message>
        <source>Accept permessage-deflate (RFC 7692) when a browser offers it: messages travel compressed (RSV1, DEFLATE payloads). Off by default, so frames show the text and the length forms as typed.</source>
        <translation>浏览器提议 permessage-deflate（RFC 7692）时接受它：消息压缩后传输（RSV1、DEFLATE 载荷）。默认关闭，这样帧里看到的就是输入的文本和相应的长度形式。</translation>
    </message>
    <message>
        <source>--deflate and --no-deflate contradict each other: give one of them</source>
        <translation>--deflate 和 --no-deflate 互相矛盾：只能给出其中一个</translation>
    </message>
    <message>
        <source>Read a capture file (pcap or pcapng, as tcpdump and Wireshark write them; recognised by its content) and print one line per record, as --headless does. No server is started.</source>
        <translation>读取抓包文件（tcpdump 和 Wireshark 写出的 pcap 或 pcapng，按内容识别格式），像 --headless 一样每条记录打印一行。不启动服务器。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>With --read or --headless: print one JSON object per record instead of a line of text.</source>
        <translation>与 --read 或 --headless 一起使用：每条记录打印一个 JSON 对象，而不是一行文字。</translation>
    </message>
    <message>
        <source>With --read: print totals only (connections, frames per direction and opcode, messages, bytes, errors, gaps, time span).</source>
        <translation>与 --read 一起使用：只打印合计（连接数、按方向和操作码统计的帧数、消息数、字节数、错误、缺口、时间跨度）。</translation>
    </message>
    <message>
        <source>With --read: read connections to this server port as WebSocket from their first byte, for captures that begin after the upgrade (repeatable).</source>
        <translation>与 --read 一起使用：把连到此服务器端口的连接从第一个字节起按 WebSocket 解析，用于在升级之后才开始的抓包（可重复）。</translation>
    </message>
    <message>
        <source>PORT</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>With --headless: save every record to this pcapng file as it happens (Wireshark and tshark open it; a killed run leaves the file readable up to its last batch). With --read: save what was read; a name ending in .har exports HAR, the messages as Chrome DevTools writes them.</source>
        <translation>与 --headless 一起使用：把每条记录实时保存到此 pcapng 文件（Wireshark 和 tshark 可以打开；进程被杀死时，文件在最后一批之前的内容仍可读取）。与 --read 一起使用：保存读到的内容；文件名以 .har 结尾时导出为 HAR，即 Chrome DevTools 写出的消息格式。</translation>
    </message>
    <message>
        <source>--decode-as needs a port from 1 to 65535, not &quot;%1&quot;</source>
        <translation>--decode-as 需要 1 到 65535 之间的端口，而不是“%1”</translation>
    </message>
    <message>
        <source>--write needs the capture: it cannot be combined with --no-capture</source>
        <translation>--write 需要抓包记录：不能与 --no-capture 同时使用</translation>
    </message>
    <message>
        <source>--read and --headless cannot be combined: a file is read, or a server runs</source>
        <translation>--read 和 --headless 不能同时使用：要么读取文件，要么运行服务器</translation>
    </message>
    <message>
        <source>--summary and --decode-as go with --read FILE</source>
        <translation>--summary 和 --decode-as 须与 --read 文件 一起使用</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>With --upstream: write the upstream&apos;s host:port into each request&apos;s Host header (kept as the browser sent it by default). The only option that changes bytes; changed requests are marked.</source>
        <translation>与 --upstream 一起使用：把上游的 host:port 写入每个请求的 Host 头（默认保留浏览器发送的值）。这是唯一会改动字节的选项；被改动的请求会被标记。</translation>
    </message>
    <message>
        <source>With a wss:// --upstream: also trust the CA certificates in this PEM file (the system&apos;s CAs are always trusted).</source>
        <translation>上游为 wss:// 时：同时信任这个 PEM 文件中的 CA 证书（系统的 CA 始终受信任）。</translation>
    </message>
    <message>
        <source>--upstream needs a ws:// or wss:// URL, not &quot;%1&quot;: %2</source>
        <translation>--upstream 需要 ws:// 或 wss:// URL，而不是“%1”：%2</translation>
    </message>
    <message>
        <source>--rewrite-host goes with --upstream URL</source>
        <translation>--rewrite-host 须与 --upstream URL 一起使用</translation>
    </message>
    <message>
        <source>--upstream-ca and --insecure go with a wss:// --upstream URL</source>
        <translation>--upstream-ca 和 --insecure 须与 wss:// 的 --upstream URL 一起使用</translation>
    </message>
    <message>
        <source>--upstream-ca and --insecure contradict each other: give one of them</source>
        <translation>--upstream-ca 与 --insecure 相互矛盾：只能给出其中一个</translation>
    </message>
    <message>
        <source>warning: --insecure: the upstream&apos;s certificate is not checked; anyone between wslab and %1 can read and change the traffic</source>
        <translation>警告：--insecure：不检查上游的证书；wslab 与 %1 之间的任何人都能读取和篡改流量</translation>
    </message>
    <message>
        <source>Decline permessage-deflate (RFC 7692) for this run, whatever the saved settings say: every frame goes uncompressed, even to browsers that offer compression. With --connect: do not offer it.</source>
        <translation>本次运行拒绝 permessage-deflate（RFC 7692），不管已保存的设置如何：每个帧都不压缩，即使浏览器提议压缩。与 --connect 一起使用时：不提议压缩。</translation>
    </message>
    <message>
        <source>With a wss:// --upstream or --connect URL: do not check the server&apos;s certificate at all (a warning says so).</source>
        <translation>上游或 --connect 的 URL 为 wss:// 时：完全不检查服务器的证书（会给出警告）。</translation>
    </message>
    <message>
        <source>Be a WebSocket client of this server (ws://host:port/path or wss://...), without a window: every line read from standard input is sent as a text message, every frame both ways is printed as --headless prints them, and at the end of input the connection is closed with 1000. Exits 0 after a clean close, 1 with the reason otherwise. permessage-deflate is offered unless --no-deflate is given.</source>
        <translation>不开窗口，作为这个服务器（ws://host:port/path 或 wss://...）的 WebSocket 客户端运行：从标准输入读到的每一行作为一条文本消息发送，两个方向的每个帧都像 --headless 那样打印出来，输入结束时以 1000 关闭连接。正常关闭后退出码为 0，否则为 1 并给出原因。除非给出 --no-deflate，否则会提议 permessage-deflate。</translation>
    </message>
    <message>
        <source>With --connect: each input line is hexadecimal (spaces allowed), sent as a binary message.</source>
        <translation>与 --connect 一起使用：每个输入行都是十六进制（可含空格），作为一条二进制消息发送。</translation>
    </message>
    <message>
        <source>With a wss:// --connect URL: also trust the CA certificates in this PEM file (the system&apos;s CAs are always trusted).</source>
        <translation>--connect 的 URL 为 wss:// 时：同时信任这个 PEM 文件中的 CA 证书（系统的 CA 始终受信任）。</translation>
    </message>
    <message>
        <source>With --connect: add this header field to the opening handshake, e.g. &quot;Origin: https://example.com&quot; (repeatable).</source>
        <translation>与 --connect 一起使用：在开始握手的请求中加入这个头字段，例如“Origin: https://example.com”（可重复）。</translation>
    </message>
    <message>
        <source>FIELD</source>
        <translation>FIELD</translation>
    </message>
    <message>
        <source>With --connect: offer this subprotocol in Sec-WebSocket-Protocol (repeatable, in order of preference).</source>
        <translation>与 --connect 一起使用：在 Sec-WebSocket-Protocol 中提议这个子协议（可重复，按优先顺序）。</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>--write goes with --headless, --connect URL or --read FILE</source>
        <translation>--write 须与 --headless、--connect URL 或 --read 文件 一起使用</translation>
    </message>
    <message>
        <source>--insecure goes with a wss:// --upstream or --connect URL</source>
        <translation>--insecure 须与 wss:// 的 --upstream 或 --connect URL 一起使用</translation>
    </message>
    <message>
        <source>warning: --insecure: the server&apos;s certificate is not checked; anyone between wslab and %1 can read and change the traffic</source>
        <translation>警告：--insecure：不检查服务器的证书；wslab 与 %1 之间的任何人都能读取和篡改流量</translation>
    </message>
    <message>
        <source>--json goes with --read FILE, --headless or --connect URL</source>
        <translation>--json 须与 --read 文件、--headless 或 --connect URL 一起使用</translation>
    </message>
    <message>
        <source>-H needs a header field as &quot;Name: value&quot;, not &quot;%1&quot;</source>
        <translation>-H 需要“名称：值”形式的头字段，而不是“%1”</translation>
    </message>
    <message>
        <source>--subprotocol needs one token, not &quot;%1&quot;</source>
        <translation>--subprotocol 需要一个记号（token），而不是“%1”</translation>
    </message>
    <message>
        <source>--binary, --ca, -H and --subprotocol go with --connect URL</source>
        <translation>--binary、--ca、-H 和 --subprotocol 须与 --connect URL 一起使用</translation>
    </message>
    <message>
        <source>--connect needs a ws:// or wss:// URL, not &quot;%1&quot;: %2</source>
        <translation>--connect 需要 ws:// 或 wss:// URL，而不是“%1”：%2</translation>
    </message>
    <message>
        <source>--ca goes with a wss:// --connect URL</source>
        <translation>--ca 须与 wss:// 的 --connect URL 一起使用</translation>
    </message>
    <message>
        <source>--ca and --insecure contradict each other: give one of them</source>
        <translation>--ca 与 --insecure 相互矛盾：只能给出其中一个</translation>
    </message>
    <message>
        <source>--connect cannot be combined with --upstream or --read</source>
        <translation>--connect 不能与 --upstream 或 --read 同时使用</translation>
    </message>
    <message>
        <source>Run as a transparent proxy instead of the server (the app starts in proxy mode; with --headless, in the terminal). Every connection to --port is relayed byte for byte to this WebSocket server (ws://host:port/prefix or wss://...; plain HTTP passes too), and both directions are printed as --headless prints its own. The browser side stays plain ws:// on loopback.</source>
        <translation>不运行服务器，而是作为透明代理运行（应用以代理模式启动；与 --headless 一起使用时在终端中运行）。每个连到 --port 的连接都被逐字节转发到这个 WebSocket 服务器（ws://host:port/prefix 或 wss://...；普通 HTTP 也会转发），两个方向都像 --headless 输出自己的流量那样打印出来。浏览器一侧仍是本机回环上的普通 ws://。</translation>
    </message>
    <message>
        <source>With --connect URL: send one connection of this capture file (pcap, pcapng, HAR or a saved session) again to the server at URL: its recorded opening handshake (Host and Sec-WebSocket-Key new) and every frame the client sent, byte for byte, control frames and close included. Both directions are printed as --connect prints them. Exits 0 after a clean close.</source>
        <translation>与 --connect URL 一起使用：把这个抓包文件（pcap、pcapng、HAR 或保存的会话）中的一个连接重新发送给 URL 处的服务器：录下的开始握手（Host 和 Sec-WebSocket-Key 换成新的），以及客户端发送的每一帧，逐字节相同，控制帧和关闭帧也在内。两个方向都像 --connect 那样打印。正常关闭后退出码为 0。</translation>
    </message>
    <message>
        <source>With --replay: the connection to replay, by the number the printed records give it (default: the first WebSocket connection).</source>
        <translation>与 --replay 一起使用：要重放的连接，用打印出的记录中的编号指定（默认：第一个 WebSocket 连接）。</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>With --replay: wait the recorded time between frames (gaps over a minute are cut to a minute) instead of sending them at once.</source>
        <translation>与 --replay 一起使用：帧与帧之间等待录下的时间间隔（超过一分钟的按一分钟算），而不是一次全部发出。</translation>
    </message>
    <message>
        <source>--replay-conn and --replay-timing go with --replay FILE</source>
        <translation>--replay-conn 和 --replay-timing 须与 --replay FILE 一起使用</translation>
    </message>
    <message>
        <source>--replay needs --connect URL: the server to replay the connection to</source>
        <translation>--replay 需要 --connect URL：把连接重放给哪个服务器</translation>
    </message>
    <message>
        <source>--replay sends the recorded handshake and frames: --binary, -H, --subprotocol, --deflate and --no-deflate do not go with it</source>
        <translation>--replay 发送的是录下的握手和帧：不能与 --binary、-H、--subprotocol、--deflate 和 --no-deflate 一起使用</translation>
    </message>
    <message>
        <source>--replay-conn needs a connection number, not &quot;%1&quot;</source>
        <translation>--replay-conn 需要一个连接编号，而不是“%1”</translation>
    </message>
    <message>
        <source>Capture files to open, each in a window of its own beside the live one (pcap, pcapng, a Chrome HAR or a session the app saved).</source>
        <translation>要打开的抓包文件，每个文件在实时窗口旁单独的窗口中打开（pcap、pcapng、Chrome HAR 或本应用保存的会话）。</translation>
    </message>
    <message>
        <source>[FILE...]</source>
        <translation>[文件...]</translation>
    </message>
    <message>
        <source>%1: capture files named without an option open in the app&apos;s windows; without a window, read one with --read FILE</source>
        <translation>%1：不带选项给出的抓包文件会在应用的窗口中打开；不使用窗口时，请用 --read 文件 读取</translation>
    </message>
</context>
<context>
    <name>wslab::app::ComposerPresets</name>
    <message>
        <source>Text &quot;Hello&quot;</source>
        <translation>文本“Hello”</translation>
    </message>
    <message>
        <source>Binary DE AD BE EF</source>
        <translation>二进制 DE AD BE EF</translation>
    </message>
    <message>
        <source>Fragmented message &quot;Hel&quot; + &quot;lo&quot;</source>
        <translation>分片消息“Hel”+“lo”</translation>
    </message>
    <message>
        <source>Ping &quot;Hello&quot;</source>
        <translation>Ping“Hello”</translation>
    </message>
    <message>
        <source>Unsolicited pong &quot;Hello&quot;</source>
        <translation>主动发送的 pong“Hello”</translation>
    </message>
    <message>
        <source>Close 1000 &quot;bye&quot;</source>
        <translation>关闭 1000“bye”</translation>
    </message>
    <message>
        <source>Invalid: RSV2 bit set</source>
        <translation>无效：设置了 RSV2 位</translation>
    </message>
    <message>
        <source>Invalid: reserved opcode 0x3</source>
        <translation>无效：保留操作码 0x3</translation>
    </message>
    <message>
        <source>Invalid: masked server frame</source>
        <translation>无效：服务器帧带掩码</translation>
    </message>
    <message>
        <source>Invalid: fragmented ping (FIN = 0)</source>
        <translation>无效：分片的 ping（FIN = 0）</translation>
    </message>
    <message>
        <source>Invalid: ping with 126 bytes</source>
        <translation>无效：126 字节的 ping</translation>
    </message>
    <message>
        <source>Invalid: text that is not UTF-8</source>
        <translation>无效：不是 UTF-8 的文本</translation>
    </message>
    <message>
        <source>Invalid: length 5 in the 16-bit form</source>
        <translation>无效：长度 5 用 16 位形式表示</translation>
    </message>
    <message>
        <source>Valid (RFC 6455 §5.7). The page shows the text as a raw frame.</source>
        <translation>有效（RFC 6455 §5.7）。页面把文本显示为原始帧。</translation>
    </message>
    <message>
        <source>Valid. The page receives an ArrayBuffer of 4 bytes.</source>
        <translation>有效。页面收到一个 4 字节的 ArrayBuffer。</translation>
    </message>
    <message>
        <source>Valid (RFC 6455 §5.4). Two frames on the wire, one message &quot;Hello&quot; in the page.</source>
        <translation>有效（RFC 6455 §5.4）。线路上是两个帧，页面里是一条消息“Hello”。</translation>
    </message>
    <message>
        <source>Valid (RFC 6455 §5.5.2). The browser must answer with a pong carrying the same payload.</source>
        <translation>有效（RFC 6455 §5.5.2）。浏览器必须回一个携带相同载荷的 pong。</translation>
    </message>
    <message>
        <source>Valid (RFC 6455 §5.5.3): an unsolicited pong is a heartbeat; the browser ignores it.</source>
        <translation>有效（RFC 6455 §5.5.3）：主动发送的 pong 相当于心跳，浏览器会忽略它。</translation>
    </message>
    <message>
        <source>Valid (RFC 6455 §5.5.1). The browser echoes a close frame and the page sees code 1000.</source>
        <translation>有效（RFC 6455 §5.5.1）。浏览器回送一个关闭帧，页面看到关闭码 1000。</translation>
    </message>
    <message>
        <source>The browser must fail the connection (RFC 6455 §5.2): no extension defines RSV2. Expect a close 1002 or a dropped TCP connection; the page sees 1006.</source>
        <translation>浏览器必须使连接失败（RFC 6455 §5.2）：没有任何扩展定义 RSV2。预期会收到关闭码 1002，或者 TCP 连接被直接断开；页面看到 1006。</translation>
    </message>
    <message>
        <source>The browser must fail the connection (RFC 6455 §5.2): opcode 0x3 is reserved. Expect a close 1002 or a dropped TCP connection.</source>
        <translation>浏览器必须使连接失败（RFC 6455 §5.2）：操作码 0x3 是保留的。预期会收到关闭码 1002，或者 TCP 连接被直接断开。</translation>
    </message>
    <message>
        <source>The browser must fail the connection (RFC 6455 §5.1): a server must not mask. Expect a close 1002 or a dropped TCP connection.</source>
        <translation>浏览器必须使连接失败（RFC 6455 §5.1）：服务器不得使用掩码。预期会收到关闭码 1002，或者 TCP 连接被直接断开。</translation>
    </message>
    <message>
        <source>The browser must fail the connection (RFC 6455 §5.5): control frames cannot be fragmented. Expect a close 1002 or a dropped TCP connection.</source>
        <translation>浏览器必须使连接失败（RFC 6455 §5.5）：控制帧不能分片。预期会收到关闭码 1002，或者 TCP 连接被直接断开。</translation>
    </message>
    <message>
        <source>The browser must fail the connection (RFC 6455 §5.5): control frames carry at most 125 bytes. Expect a close 1002 or a dropped TCP connection.</source>
        <translation>浏览器必须使连接失败（RFC 6455 §5.5）：控制帧最多携带 125 字节。预期会收到关闭码 1002，或者 TCP 连接被直接断开。</translation>
    </message>
    <message>
        <source>The browser must fail the connection (RFC 6455 §8.1): text must be UTF-8. Expect a close 1007 or a dropped TCP connection.</source>
        <translation>浏览器必须使连接失败（RFC 6455 §8.1）：文本必须是 UTF-8。预期会收到关闭码 1007，或者 TCP 连接被直接断开。</translation>
    </message>
    <message>
        <source>Breaks RFC 6455 §5.2 (&quot;the minimal number of bytes MUST be used&quot;). A strict browser fails the connection (1002); a lenient one shows &quot;Hello&quot;. Watch which yours is.</source>
        <translation>违反 RFC 6455 §5.2（“必须使用最少的字节数”）。严格的浏览器会使连接失败（1002）；宽松的浏览器会显示“Hello”。看看你的浏览器属于哪一种。</translation>
    </message>
</context>
<context>
    <name>wslab::app::DemoReport</name>
    <message>
        <source>Bytes on the wire per second</source>
        <translation>每秒线路字节数</translation>
    </message>
    <message>
        <source>Latency, median</source>
        <translation>延迟，中位数</translation>
    </message>
    <message>
        <source>Latency, 95th percentile</source>
        <translation>延迟，第 95 百分位</translation>
    </message>
    <message>
        <source>The demo was cancelled.</source>
        <translation>演示已取消。</translation>
    </message>
    <message>
        <source>The demo could not run: %1</source>
        <translation>演示无法运行：%1</translation>
    </message>
    <message>
        <source>Measured for %1 s: %2 lines, one every %3 ms, sent by one client with POST /send to %4 idle receivers per transport (polling every %5 ms).</source>
        <translation>测量了 %1 秒：%2 行，每 %3 毫秒一行，由一个客户端用 POST /send 发出，每种传输方式有 %4 个空闲接收端（轮询间隔 %5 毫秒）。</translation>
    </message>
    <message>
        <source>The time limit struck first: %1 of %2 deliveries arrived.</source>
        <translation>先到了时间上限：%2 次投递中只到达了 %1 次。</translation>
    </message>
    <message>
        <source>Polling delivered the messages %1 late on average (95th percentile %2): a message waits for the next poll, half the poll interval (%3) on average and up to a whole one.</source>
        <translation>轮询送达消息平均晚了 %1（第 95 百分位 %2）：消息要等下一次轮询，平均等半个轮询间隔（%3），最多等一整个。</translation>
    </message>
    <message>
        <source>Long polling answered as soon as there was news (median %1) and rarely for nothing, but every message still cost each client a new HTTP request and answer: %2 of headers per message delivered.</source>
        <translation>长轮询一有新消息就立即应答（中位数 %1），很少白跑一趟；但每条消息仍要让每个客户端发起一次新的 HTTP 请求并收到应答：每送达一条消息要 %2 的头部。</translation>
    </message>
    <message>
        <source>WebSocket pushed each message as one frame with a %1-byte header (RFC 6455 §5.2), no request needed, in %2 (median); %3 of its bytes were payload, against %4 for polling.</source>
        <translation>WebSocket 把每条消息作为一个帧推送，帧头只有 %1 字节（RFC 6455 §5.2），不需要请求，用时 %2（中位数）；它的字节中 %3 是载荷，轮询则只有 %4。</translation>
    </message>
    <message>
        <source>For the same conversation polling moved %1 times the bytes of WebSocket, long polling %2 times.</source>
        <translation>同样的对话，轮询传输的字节数是 WebSocket 的 %1 倍，长轮询是 %2 倍。</translation>
    </message>
    <message>
        <source>Requests per second (WebSocket: frames)</source>
        <translation>每秒请求数（WebSocket：帧数）</translation>
    </message>
    <message>
        <source>Polling wasted no request here: a line came at least once per poll interval (%1). In a quieter chat most polls come back empty, since clients ask on their own clock whether anyone spoke or not.</source>
        <translation>这次轮询没有浪费请求：每个轮询间隔（%1）内至少来了一行。在更安静的聊天中，大多数轮询都会空手而归，因为客户端按自己的节奏询问有没有人说话。</translation>
    </message>
    <message>
        <source>Polling wasted %1 of %2 requests (%3): every client asks every %4 whether anyone spoke or not, so its requests grow with clients and time, not with messages.</source>
        <translation>轮询浪费了 %2 个请求中的 %1 个（%3）：不管有没有人说话，每个客户端每 %4 都要问一次，所以请求数随客户端数量和时间增长，而不是随消息数增长。</translation>
    </message>
</context>
<context>
    <name>wslab::app::DemoScript</name>
    <message>
        <source>Hello from the auto demo</source>
        <translation>来自自动演示的问候</translation>
    </message>
    <message>
        <source>Starting: %1 lines, one every %2 ms, to %3 receivers per transport.</source>
        <translation>开始：共 %1 行，每 %2 毫秒一行，每种传输方式 %3 个接收者。</translation>
    </message>
</context>
<context>
    <name>wslab::app::FilterBar</name>
    <message>
        <source>Search payloads and summaries</source>
        <translation>搜索载荷和摘要</translation>
    </message>
    <message>
        <source>Search with a regular expression</source>
        <translation>用正则表达式搜索</translation>
    </message>
    <message>
        <source>Both directions</source>
        <translation>双向</translation>
    </message>
    <message>
        <source>→ Client to server</source>
        <translation>→ 客户端到服务器</translation>
    </message>
    <message>
        <source>← Server to client</source>
        <translation>← 服务器到客户端</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>Show HTTP requests and responses (the upgrade, the page, polling)</source>
        <translation>显示 HTTP 请求和响应（升级请求、页面、轮询）</translation>
    </message>
    <message>
        <source>Ping/pong</source>
        <translation>Ping/pong</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>仅显示错误</translation>
    </message>
    <message>
        <source>Hide /stats</source>
        <translation>隐藏 /stats</translation>
    </message>
    <message>
        <source>Hide the page&apos;s bookkeeping: every few seconds while messages arrive, the chat page POSTs its traffic figures and latencies to /stats for the Transports panel. Those requests are not part of the chat.</source>
        <translation>隐藏页面的统计上报：消息到达期间，聊天页面每隔几秒把自己的流量数据和延迟 POST 到 /stats，供“传输方式”面板使用。这些请求不属于聊天。</translation>
    </message>
    <message>
        <source>Searches once you stop typing, or at once on Enter</source>
        <translation>停止输入后开始搜索，按 Enter 立即搜索</translation>
    </message>
    <message>
        <source>Searching %p%</source>
        <translation>搜索中 %p%</translation>
    </message>
    <message>
        <source>The rows of the previous search stay on view until every row is read</source>
        <translation>在读完每一行之前，表格仍显示上一次搜索的结果</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the search (Esc); the rows on view stay</source>
        <translation>停止搜索（Esc）；当前显示的行保持不变</translation>
    </message>
</context>
<context>
    <name>wslab::app::FrameComposer</name>
    <message>
        <source>&amp;Preset:</source>
        <translation>预设(&amp;P)：</translation>
    </message>
    <message>
        <source>Add a frame after this one (to build a fragmented message)</source>
        <translation>在此帧之后添加一帧（用来构造分片消息）</translation>
    </message>
    <message>
        <source>Remove this frame</source>
        <translation>删除此帧</translation>
    </message>
    <message>
        <source>Header (RFC 6455 §5.2)</source>
        <translation>帧头（RFC 6455 §5.2）</translation>
    </message>
    <message>
        <source>FIN: 1 on the last frame of a message; control frames must have FIN = 1</source>
        <translation>FIN：消息的最后一帧为 1；控制帧必须 FIN = 1</translation>
    </message>
    <message>
        <source>Reserved for extensions; must be 0 unless an extension defines it</source>
        <translation>保留给扩展使用；除非某个扩展定义了它，否则必须为 0</translation>
    </message>
    <message>
        <source>&amp;Opcode:</source>
        <translation>操作码(&amp;O)：</translation>
    </message>
    <message>
        <source>A server must not mask its frames (RFC 6455 §5.1); try it to see the browser refuse</source>
        <translation>服务器不得给自己的帧加掩码（RFC 6455 §5.1）；试一试，看浏览器如何拒绝</translation>
    </message>
    <message>
        <source>key, 4 hex bytes</source>
        <translation>掩码键，4 个十六进制字节</translation>
    </message>
    <message>
        <source>Random key</source>
        <translation>随机掩码键</translation>
    </message>
    <message>
        <source>&amp;Length form:</source>
        <translation>长度形式(&amp;L)：</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>载荷</translation>
    </message>
    <message>
        <source>&amp;Text (UTF-8)</source>
        <translation>文本 (UTF-8)(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Hex</source>
        <translation>十六进制(&amp;H)</translation>
    </message>
    <message>
        <source>On the wire</source>
        <translation>线路上的字节</translation>
    </message>
    <message>
        <source>Send &amp;to:</source>
        <translation>发给(&amp;T)：</translation>
    </message>
    <message>
        <source>(browser must fail)</source>
        <translation>（浏览器必须使连接失败）</translation>
    </message>
    <message>
        <source>Minimal (as the RFC requires)</source>
        <translation>最短形式（RFC 的要求）</translation>
    </message>
    <message>
        <source>Force 7-bit (0-125)</source>
        <translation>强制 7 位（0-125）</translation>
    </message>
    <message>
        <source>Force 7+16-bit (126, then 16 bits)</source>
        <translation>强制 7+16 位（126，再加 16 位）</translation>
    </message>
    <message>
        <source>Force 7+64-bit (127, then 64 bits)</source>
        <translation>强制 7+64 位（127，再加 64 位）</translation>
    </message>
    <message>
        <source>Every WebSocket client</source>
        <translation>所有 WebSocket 客户端</translation>
    </message>
    <message>
        <source>Frame %1</source>
        <translation>第 %1 帧</translation>
    </message>
    <message>
        <source>Frame %1 breaks a rule: %2. The browser must fail the connection (close %3).</source>
        <translation>第 %1 帧违反了一条规则：%2。浏览器必须使连接失败（关闭码 %3）。</translation>
    </message>
    <message>
        <source>Your own frame. The note under the bytes says what a browser makes of it.</source>
        <translation>你自己构造的帧。字节下方的说明会告诉你浏览器如何看待它。</translation>
    </message>
    <message>
        <source>%1 bytes: %2 header + %3 payload (%4 length)</source>
        <translation>%1 字节：%2 字节帧头 + %3 字节载荷（%4长度）</translation>
    </message>
    <message>
        <source>The payload is not hex: type pairs of hex digits. The last valid payload is shown.</source>
        <translation>载荷不是十六进制：请输入成对的十六进制数字。显示的是最后一次有效的载荷。</translation>
    </message>
    <message>
        <source>The payload is too long for the forced length form.</source>
        <translation>对于强制的长度形式，载荷太长了。</translation>
    </message>
    <message>
        <source>Valid so far, but the message is not finished: the browser waits for a frame with FIN = 1.</source>
        <translation>目前有效，但消息还没有结束：浏览器在等待一个 FIN = 1 的帧。</translation>
    </message>
    <message>
        <source>Valid: a browser accepts these frames.</source>
        <translation>有效：浏览器会接受这些帧。</translation>
    </message>
    <message>
        <source>Send frame</source>
        <translation>发送帧</translation>
    </message>
    <message>
        <source>Send %1 frames</source>
        <translation>发送 %1 个帧</translation>
    </message>
    <message>
        <source>A client must mask every frame (RFC 6455 §5.1); clear it to see the server refuse</source>
        <translation>客户端必须对每一帧做掩码处理（RFC 6455 §5.1）；取消勾选可以看到服务器拒绝它</translation>
    </message>
    <message>
        <source>the server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Frame %1 breaks a rule: %2. The server must fail the connection (close %3).</source>
        <translation>第 %1 帧违反规则：%2。服务器必须使连接失败（关闭码 %3）。</translation>
    </message>
    <message>
        <source>A client frame to the server, masked with the key below as RFC 6455 §5.3 requires. The note under the bytes says what the server must do with it.</source>
        <translation>发给服务器的客户端帧，按 RFC 6455 §5.3 的要求用下面的密钥做掩码处理。字节下方的说明指出服务器必须如何处理它。</translation>
    </message>
    <message>
        <source>Valid so far, but the message is not finished: the server waits for a frame with FIN = 1.</source>
        <translation>目前有效，但消息尚未结束：服务器在等待 FIN = 1 的帧。</translation>
    </message>
    <message>
        <source>Valid: a server accepts these frames.</source>
        <translation>有效：服务器会接受这些帧。</translation>
    </message>
</context>
<context>
    <name>wslab::app::FrameEditDialog</name>
    <message>
        <source>Inject Frame</source>
        <translation>注入帧</translation>
    </message>
    <message>
        <source>Edit Held Frame</source>
        <translation>编辑扣留的帧</translation>
    </message>
    <message>
        <source>Into:</source>
        <translation>注入到：</translation>
    </message>
    <message>
        <source>The connection the frame is written into</source>
        <translation>帧要写入的连接</translation>
    </message>
    <message>
        <source>C→S: to the server, as if the browser sent it</source>
        <translation>C→S：发往服务器，如同浏览器发出</translation>
    </message>
    <message>
        <source>S→C: to the browser, as if the server sent it</source>
        <translation>S→C：发往浏览器，如同服务器发出</translation>
    </message>
    <message>
        <source>FIN: the last frame of its message (RFC 6455 §5.2)</source>
        <translation>FIN：所属消息的最后一帧（RFC 6455 §5.2）</translation>
    </message>
    <message>
        <source>Reserved bits: set only by an agreed extension; RSV1 marks a compressed message under permessage-deflate (RFC 7692 §6)</source>
        <translation>保留位：只能由协商好的扩展设置；在 permessage-deflate 下 RSV1 标记压缩的消息（RFC 7692 §6）</translation>
    </message>
    <message>
        <source>&amp;Opcode:</source>
        <translation>操作码(&amp;O)：</translation>
    </message>
    <message>
        <source>All sixteen values, the reserved ones too (a receiver must fail the connection on those, RFC 6455 §5.2)</source>
        <translation>全部十六个值，包括保留值（接收方收到保留值必须使连接失败，RFC 6455 §5.2）</translation>
    </message>
    <message>
        <source>MASK: a client masks every frame, a server none (RFC 6455 §5.3)</source>
        <translation>MASK：客户端给每一帧加掩码，服务器一帧也不加（RFC 6455 §5.3）</translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation>掩码键(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Random</source>
        <translation>随机(&amp;R)</translation>
    </message>
    <message>
        <source>A fresh key from the system&apos;s random generator</source>
        <translation>由系统随机数生成器产生的新掩码键</translation>
    </message>
    <message>
        <source>&amp;Length form:</source>
        <translation>长度形式(&amp;L)：</translation>
    </message>
    <message>
        <source>As needed</source>
        <translation>按需</translation>
    </message>
    <message>
        <source>7-bit</source>
        <translation>7 位</translation>
    </message>
    <message>
        <source>16-bit (126)</source>
        <translation>16 位（126）</translation>
    </message>
    <message>
        <source>64-bit (127)</source>
        <translation>64 位（127）</translation>
    </message>
    <message>
        <source>As needed writes the minimal form RFC 6455 §5.2 requires; a longer one is a non-minimal length, for testing a receiver</source>
        <translation>“按需”写出 RFC 6455 §5.2 要求的最短形式；更长的形式是非最短长度，用来测试接收方</translation>
    </message>
    <message>
        <source>&amp;Declare length:</source>
        <translation>声明长度(&amp;D)：</translation>
    </message>
    <message>
        <source>Write this number as the payload length instead of the real one: the receiver then reads the frame boundary in the wrong place</source>
        <translation>把这个数写作载荷长度，而不是真实长度：接收方会在错误的位置读到帧边界</translation>
    </message>
    <message>
        <source>&amp;Payload:</source>
        <translation>载荷(&amp;P)：</translation>
    </message>
    <message>
        <source>Text (UTF-8)</source>
        <translation>文本（UTF-8）</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <source>&amp;Compress (permessage-deflate)</source>
        <translation>压缩（permessage-deflate）(&amp;C)</translation>
    </message>
    <message>
        <source>The proxy compresses the payload with the connection&apos;s agreed parameters and sets RSV1; ignored on a connection without permessage-deflate</source>
        <translation>代理用该连接协商的参数压缩载荷并设置 RSV1；连接未协商 permessage-deflate 时忽略此项</translation>
    </message>
    <message>
        <source>&amp;Bytes to send:</source>
        <translation>将发送的字节(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Inject</source>
        <translation>注入(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Forward Edited</source>
        <translation>转发编辑后的帧(&amp;F)</translation>
    </message>
    <message>
        <source>Connection #%1</source>
        <translation>连接 #%1</translation>
    </message>
    <message>
        <source>⚠ The key needs four bytes in hex.</source>
        <translation>⚠ 掩码键需要四个十六进制字节。</translation>
    </message>
    <message>
        <source>⚠ The hex payload needs pairs of digits 0-9, a-f.</source>
        <translation>⚠ 十六进制载荷需要成对的数字 0-9、a-f。</translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s) in all.</source>
        <translation>
            <numerusform>共 %n 个字节。</numerusform>
        </translation>
    </message>
    <message>
        <source>⚠ %1 does not fit the chosen length form: its low bits are written.</source>
        <translation>⚠ %1 放不进所选的长度形式：只写入它的低位。</translation>
    </message>
    <message>
        <source>Non-minimal length form: RFC 6455 §5.2 says the minimal one MUST be used.</source>
        <translation>非最短长度形式：RFC 6455 §5.2 规定必须使用最短形式。</translation>
    </message>
    <message>
        <source>The header declares %1 bytes; %2 follow.</source>
        <translation>帧头声明 %1 个字节；实际跟随 %2 个。</translation>
    </message>
    <message>
        <source>Compressed here as a fresh context would; the proxy uses the connection&apos;s agreed window.</source>
        <translation>此处按全新的压缩上下文压缩；代理使用该连接协商的窗口。</translation>
    </message>
</context>
<context>
    <name>wslab::app::HeadlessRunner</name>
    <message>
        <source>WebSocket Lab %1 listening on %2 (port %3)</source>
        <translation>WebSocket Lab %1 正在监听 %2（端口 %3）</translation>
    </message>
    <message>
        <source>  chat page %1   chat %2chatsocket   echo %2echo</source>
        <translation>  聊天页面 %1   聊天 %2chatsocket   回显 %2echo</translation>
    </message>
    <message>
        <source>  Ctrl-C stops (close 1001 to every client)</source>
        <translation>  按 Ctrl-C 停止（以 1001 关闭所有客户端）</translation>
    </message>
    <message>
        <source>error: cannot listen on port %1: %2</source>
        <translation>错误：无法监听端口 %1：%2</translation>
    </message>
    <message>
        <source>stopping now</source>
        <translation>立即停止</translation>
    </message>
    <message>
        <source>closing every connection (1001 Going Away)…</source>
        <translation>正在关闭所有连接（1001 Going Away）…</translation>
    </message>
    <message>
        <source>  relaying every connection to %1 (browser side plain ws:// on loopback)</source>
        <translation>  把每个连接转发到 %1（浏览器一侧为本机回环上的普通 ws://）</translation>
    </message>
    <message>
        <source>  Ctrl-C stops (every relayed connection is closed)</source>
        <translation>  按 Ctrl-C 停止（所有转发中的连接都会关闭）</translation>
    </message>
    <message>
        <source>closing every relayed connection…</source>
        <translation>正在关闭所有转发中的连接…</translation>
    </message>
</context>
<context>
    <name>wslab::app::HeldFrameModel</name>
    <message>
        <source>A compressed message (RSV1), shown inflated; %1 bytes on the wire</source>
        <translation>压缩的消息（RSV1），显示解压后的内容；线路上 %1 个字节</translation>
    </message>
    <message>
        <source>Conn.</source>
        <comment>short for connection</comment>
        <translation>连接</translation>
    </message>
    <message>
        <source>Dir.</source>
        <comment>short for direction</comment>
        <translation>方向</translation>
    </message>
    <message>
        <source>Opcode</source>
        <translation>操作码</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>长度</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
</context>
<context>
    <name>wslab::app::HttpDemoReceiver</name>
    <message>
        <source>%1 answered HTTP %2</source>
        <translation>%1 的应答是 HTTP %2</translation>
    </message>
</context>
<context>
    <name>wslab::app::InterceptPane</name>
    <message>
        <source>Injected by wslab</source>
        <translation>由 wslab 注入</translation>
    </message>
    <message>
        <source>Intercept works in proxy mode: choose Proxy to URL… in the toolbar&apos;s connection mode. The embedded server has its own step mode (Hold Incoming).</source>
        <translation>拦截在代理模式下工作：在工具栏的连接模式中选择“代理到 URL…”。内置服务器有自己的单步模式（扣留传入帧）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Intercept is off&lt;/b&gt; for this proxy: frames pass without being held. Turning it on (Settings ▸ Connection) restarts the proxy, cutting open connections, and asks both ends for permessage-deflate without context takeover.</source>
        <translation>此代理的&lt;b&gt;拦截已关闭&lt;/b&gt;：帧直接通过，不会被扣留。开启它（设置 ▸ 连接）会重启代理并切断已打开的连接，并要求两端使用不带上下文接管的 permessage-deflate。</translation>
    </message>
    <message>
        <source>Hold a direction to stop its frames here. Selected frame: Enter forwards, Delete drops, F2 edits; Ctrl+I injects a new frame.</source>
        <translation>扣留一个方向，它的帧就停在这里。选中的帧：Enter 转发，Delete 丢弃，F2 编辑；Ctrl+I 注入新帧。</translation>
    </message>
    <message>
        <source>Turn On &amp;Intercept</source>
        <translation>开启拦截(&amp;I)</translation>
    </message>
    <message>
        <source>Restart the proxy with intercept on; new connections can be held</source>
        <translation>以开启拦截的方式重启代理；新连接的帧可以被扣留</translation>
    </message>
    <message>
        <source>Hold from &amp;Server</source>
        <translation>扣留服务器的帧(&amp;S)</translation>
    </message>
    <message>
        <source>Hold the frames the server sends to the browser (S→C) until you forward, drop or edit them (%1)</source>
        <translation>扣留服务器发给浏览器的帧（S→C），直到你转发、丢弃或编辑它们（%1）</translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation>转发(&amp;F)</translation>
    </message>
    <message>
        <source>Send the selected frame on as it was (Enter)</source>
        <translation>原样转发选中的帧（Enter）</translation>
    </message>
    <message>
        <source>D&amp;rop</source>
        <translation>丢弃(&amp;R)</translation>
    </message>
    <message>
        <source>Never send the selected frame; the capture keeps it, marked dropped (Delete)</source>
        <translation>永不发送选中的帧；捕获中保留它，并标记为已丢弃（Delete）</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>Change the selected frame&apos;s header fields or payload, then send it (F2)</source>
        <translation>修改选中帧的帧头字段或载荷，然后发送（F2）</translation>
    </message>
    <message>
        <source>In&amp;ject…</source>
        <translation>注入(&amp;J)…</translation>
    </message>
    <message>
        <source>Write a new frame, valid or not, into either direction of a connection (Ctrl+I)</source>
        <translation>向连接的任一方向写入一个新帧，合法与否均可（Ctrl+I）</translation>
    </message>
    <message>
        <source>Forward &amp;All</source>
        <translation>全部转发(&amp;A)</translation>
    </message>
    <message>
        <source>Send every held frame on, oldest first</source>
        <translation>转发所有扣留的帧，最早的先发</translation>
    </message>
</context>
<context>
    <name>wslab::app::KeepAliveHttpClient</name>
    <message>
        <source>the server closed the connection before answering</source>
        <translation>服务器在应答之前关闭了连接</translation>
    </message>
</context>
<context>
    <name>wslab::app::LessonListModel</name>
    <message>
        <source>%1 %2. %3  (%4/%5)</source>
        <comment>lesson list: mark, number, title, tasks done/tasks</comment>
        <translation>%1 %2. %3（%4/%5）</translation>
    </message>
    <message>
        <source>%1 of %2 tasks done</source>
        <translation>已完成 %1/%2 项任务</translation>
    </message>
</context>
<context>
    <name>wslab::app::LessonPath</name>
    <message>
        <source>Polling, long polling, WebSocket</source>
        <translation>轮询、长轮询与 WebSocket</translation>
    </message>
    <message>
        <source>&lt;p&gt;Before WebSocket, a page that wanted news from the server had to ask for it. &lt;b&gt;Polling&lt;/b&gt; asks every second, whether or not there is news, so most requests come back empty and a message waits up to a whole interval. &lt;b&gt;Long polling&lt;/b&gt; keeps one request open until there is news: less waste, but every message still costs a full HTTP request with its headers.&lt;/p&gt;&lt;p&gt;A WebSocket is one TCP connection, opened with one HTTP request, over which both sides send frames whenever they like (RFC 6455 §1.1, §1.2). The chat page speaks all three; the &lt;b&gt;Transports&lt;/b&gt; tab counts requests, wasted requests and latency for each, and its auto demo runs all three for you.&lt;/p&gt;</source>
        <translation>&lt;p&gt;在 WebSocket 出现之前，页面想知道服务器有没有新消息，只能主动去问。&lt;b&gt;轮询&lt;/b&gt;每秒问一次，不管有没有新消息，所以大多数请求都空手而归，一条消息最多要等上一个完整的间隔。&lt;b&gt;长轮询&lt;/b&gt;让一个请求一直挂着，直到有新消息为止：浪费少了，但每条消息仍要付出一次完整的 HTTP 请求及其头部。&lt;/p&gt;&lt;p&gt;WebSocket 是一条 TCP 连接，由一个 HTTP 请求建立，之后双方随时都可以发送帧（RFC 6455 §1.1、§1.2）。聊天页面三种方式都支持；&lt;b&gt;传输方式&lt;/b&gt;标签页分别统计它们的请求数、无效请求和延迟，其中的自动演示会替你把三种方式都跑一遍。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Switch the page to polling and let it ask the server.</source>
        <translation>把页面切换到轮询，让它去询问服务器。</translation>
    </message>
    <message>
        <source>On the chat page, choose Polling as the transport. Each GET /poll is a row in the frames table; the Transports tab counts the empty ones.</source>
        <translation>在聊天页面上把传输方式选为“轮询”。每个 GET /poll 都是帧表格中的一行；传输方式标签页会统计其中空手而归的请求。</translation>
    </message>
    <message>
        <source>Switch the page to long polling.</source>
        <translation>把页面切换到长轮询。</translation>
    </message>
    <message>
        <source>Choose Long polling on the page. A GET /longpoll stays open until a message arrives: send one and watch the request end.</source>
        <translation>在页面上选择“长轮询”。GET /longpoll 会一直挂起，直到有消息到达：发一条消息，看着这个请求结束。</translation>
    </message>
    <message>
        <source>Switch back to WebSocket: one upgrade, then frames.</source>
        <translation>切换回 WebSocket：一次升级，之后就是帧。</translation>
    </message>
    <message>
        <source>Choose WebSocket on the page. One GET with Upgrade: websocket, answered 101, opens the connection; compare its request count with polling&apos;s in the Transports tab.</source>
        <translation>在页面上选择 WebSocket。一个带 Upgrade: websocket 的 GET 请求得到 101 应答后，连接就建立了；在传输方式标签页中比较它和轮询的请求数。</translation>
    </message>
    <message>
        <source>The opening handshake</source>
        <translation>开始握手</translation>
    </message>
    <message>
        <source>&lt;p&gt;A WebSocket starts as an HTTP/1.1 GET with &lt;code&gt;Upgrade: websocket&lt;/code&gt;, &lt;code&gt;Connection: Upgrade&lt;/code&gt;, &lt;code&gt;Sec-WebSocket-Version: 13&lt;/code&gt; and a random &lt;code&gt;Sec-WebSocket-Key&lt;/code&gt; (RFC 6455 §4.1). The server proves it understood by answering &lt;code&gt;101 Switching Protocols&lt;/code&gt; with &lt;code&gt;Sec-WebSocket-Accept&lt;/code&gt;: the key with the GUID &lt;code&gt;258EAFA5-E914-47DA-95CA-C5AB0DC85B11&lt;/code&gt; appended, hashed with SHA-1, then Base64-encoded (§4.2.2, worked example in §1.3).&lt;/p&gt;&lt;p&gt;A browser that gets anything else fails the connection. The &lt;b&gt;Handshake Lab&lt;/b&gt; in the toolbar answers the next upgrade wrongly on purpose.&lt;/p&gt;</source>
        <translation>&lt;p&gt;WebSocket 以一个 HTTP/1.1 GET 请求开始，带有 &lt;code&gt;Upgrade: websocket&lt;/code&gt;、&lt;code&gt;Connection: Upgrade&lt;/code&gt;、&lt;code&gt;Sec-WebSocket-Version: 13&lt;/code&gt; 和一个随机的 &lt;code&gt;Sec-WebSocket-Key&lt;/code&gt;（RFC 6455 §4.1）。服务器用 &lt;code&gt;101 Switching Protocols&lt;/code&gt; 应答，并附上 &lt;code&gt;Sec-WebSocket-Accept&lt;/code&gt;，以证明它理解了这个请求：在密钥后面接上 GUID &lt;code&gt;258EAFA5-E914-47DA-95CA-C5AB0DC85B11&lt;/code&gt;，求 SHA-1，再做 Base64 编码（§4.2.2，§1.3 有完整示例）。&lt;/p&gt;&lt;p&gt;浏览器收到其他任何应答都会让连接失败。工具栏里的&lt;b&gt;握手实验&lt;/b&gt;会故意把下一次升级答错。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Reload the page and find its upgrade request and the 101 answer.</source>
        <translation>重新加载页面，找到它的升级请求和 101 应答。</translation>
    </message>
    <message>
        <source>Reload the chat page. The frames table shows the GET and the 101; the Handshake tab puts the key and the accept side by side.</source>
        <translation>重新加载聊天页面。帧表格中会出现这个 GET 和 101；握手标签页把密钥和 Accept 并排显示。</translation>
    </message>
    <message>
        <source>Derive the Sec-WebSocket-Accept for this key yourself.</source>
        <translation>亲手为这个密钥推导出 Sec-WebSocket-Accept。</translation>
    </message>
    <message>
        <source>Append the GUID to the key as text, take the SHA-1 of those bytes, and encode the 20 bytes of the hash in Base64. In a shell: printf %s KEY258EAFA5-E914-47DA-95CA-C5AB0DC85B11 | sha1sum | xxd -r -p | base64</source>
        <translation>把 GUID 作为文本接在密钥后面，对这些字节求 SHA-1，再把得到的 20 个字节做 Base64 编码。在终端里：printf %s KEY258EAFA5-E914-47DA-95CA-C5AB0DC85B11 | sha1sum | xxd -r -p | base64</translation>
    </message>
    <message>
        <source>Break the handshake with the Handshake Lab and watch the browser refuse.</source>
        <translation>用握手实验破坏握手，看浏览器如何拒绝。</translation>
    </message>
    <message>
        <source>Pick a fault in the toolbar&apos;s Handshake Lab menu, then reload the page. The answer to that one upgrade is wrong; the page reports that the connection failed.</source>
        <translation>在工具栏的握手实验菜单中选一种错误，然后重新加载页面。这一次升级的应答是错的；页面会报告连接失败。</translation>
    </message>
    <message>
        <source>The frame header</source>
        <translation>帧头</translation>
    </message>
    <message>
        <source>&lt;p&gt;Every message travels in frames. The first byte holds &lt;b&gt;FIN&lt;/b&gt; (the last frame of a message), three reserved bits &lt;b&gt;RSV1–3&lt;/b&gt; (zero unless an extension gives them a meaning) and the 4-bit &lt;b&gt;opcode&lt;/b&gt;: 0x1 text, 0x2 binary, 0x0 continuation, 0x8 close, 0x9 ping, 0xA pong. The second byte holds &lt;b&gt;MASK&lt;/b&gt; and the payload length (RFC 6455 §5.2).&lt;/p&gt;&lt;p&gt;The &lt;b&gt;Frame&lt;/b&gt; tab draws these bits as the RFC&apos;s diagram does; &lt;b&gt;Next field&lt;/b&gt; walks through them in the order a parser reads them.&lt;/p&gt;</source>
        <translation>&lt;p&gt;每条消息都装在帧里传输。第一个字节包含 &lt;b&gt;FIN&lt;/b&gt;（消息的最后一帧）、三个保留位 &lt;b&gt;RSV1–3&lt;/b&gt;（除非扩展赋予其含义，否则为零）和 4 位的&lt;b&gt;操作码&lt;/b&gt;：0x1 文本、0x2 二进制、0x0 延续、0x8 关闭、0x9 Ping、0xA Pong。第二个字节包含 &lt;b&gt;MASK&lt;/b&gt; 和载荷长度（RFC 6455 §5.2）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;帧&lt;/b&gt;标签页像 RFC 的示意图那样画出这些位；&lt;b&gt;下一个字段&lt;/b&gt;按解析器读取的顺序逐一走过它们。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Send a text message from the page.</source>
        <translation>从页面发送一条文本消息。</translation>
    </message>
    <message>
        <source>Type in the page&apos;s message box and press Send; select the new row marked C→S.</source>
        <translation>在页面的消息框中输入内容并点击发送；选中新出现的标有 C→S 的那一行。</translation>
    </message>
    <message>
        <source>Step through a frame with Next field up to its payload.</source>
        <translation>用“下一个字段”逐步走过一个帧，直到载荷。</translation>
    </message>
    <message>
        <source>Select a frame, then press Next field in the Frame tab until the payload is highlighted.</source>
        <translation>选中一个帧，然后在帧标签页中反复点击“下一个字段”，直到载荷被高亮。</translation>
    </message>
    <message>
        <source>In the bit diagram, click the bit that says whether the payload is masked.</source>
        <translation>在位示意图中，点击表示载荷是否加了掩码的那一位。</translation>
    </message>
    <message>
        <source>It is the first bit of the second byte.</source>
        <translation>它是第二个字节的第一位。</translation>
    </message>
    <message>
        <source>Payload length</source>
        <translation>载荷长度</translation>
    </message>
    <message>
        <source>&lt;p&gt;The length has three forms and the sender must use the shortest (RFC 6455 §5.2). Up to 125 bytes it sits in the 7 bits after MASK. For 126 to 65,535 bytes those 7 bits say 126 and the next 16 bits hold the length; beyond that they say 127 and the next 64 bits hold it (the most significant bit must be 0).&lt;/p&gt;&lt;p&gt;The page&apos;s &lt;b&gt;Large message&lt;/b&gt; tool sends 100 B, 1 KiB or 70 KiB. Keep compression off, or the browser sends fewer bytes than you chose.&lt;/p&gt;</source>
        <translation>&lt;p&gt;长度有三种写法，发送方必须使用最短的那种（RFC 6455 §5.2）。不超过 125 字节时，长度就放在 MASK 后面的 7 位里。126 到 65,535 字节时，这 7 位写 126，长度放在随后的 16 位里；再大时写 127，长度放在随后的 64 位里（最高位必须为 0）。&lt;/p&gt;&lt;p&gt;页面上的&lt;b&gt;大消息&lt;/b&gt;工具可以发送 100 B、1 KiB 或 70 KiB。请保持压缩关闭，否则浏览器实际发送的字节会比你选的少。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Send 100 B: the length fits in 7 bits.</source>
        <translation>发送 100 B：长度放得进 7 位。</translation>
    </message>
    <message>
        <source>Large message, 100 B, Send. The Length column says (7).</source>
        <translation>大消息，选 100 B，发送。长度列显示 (7)。</translation>
    </message>
    <message>
        <source>Send 1 KiB: the 16-bit extended length.</source>
        <translation>发送 1 KiB：16 位扩展长度。</translation>
    </message>
    <message>
        <source>Large message, 1 KiB. The 7-bit field holds 126; the bit diagram shows the 16 bits after it.</source>
        <translation>大消息，选 1 KiB。7 位字段的值是 126；位示意图显示其后的 16 位。</translation>
    </message>
    <message>
        <source>Send 70 KiB: the 64-bit extended length.</source>
        <translation>发送 70 KiB：64 位扩展长度。</translation>
    </message>
    <message>
        <source>Large message, 70 KiB. 71,680 is more than 65,535, so the 7-bit field holds 127.</source>
        <translation>大消息，选 70 KiB。71,680 大于 65,535，所以 7 位字段的值是 127。</translation>
    </message>
    <message>
        <source>In the bit diagram, click the field that holds the payload length.</source>
        <translation>在位示意图中，点击存放载荷长度的字段。</translation>
    </message>
    <message>
        <source>Select a frame; the length follows the MASK bit in the second byte (and, for long payloads, the extended length after it).</source>
        <translation>选中一个帧；长度紧跟在第二个字节的 MASK 位之后（载荷较长时，其后还有扩展长度）。</translation>
    </message>
    <message>
        <source>Masking</source>
        <translation>掩码</translation>
    </message>
    <message>
        <source>&lt;p&gt;Every frame a client sends is masked: MASK is 1, four random bytes of &lt;b&gt;masking key&lt;/b&gt; follow the length, and each payload byte is XORed with key byte i mod 4 (RFC 6455 §5.3). The point is not secrecy, since the key travels with the data, but to stop a page from choosing the bytes on the wire and fooling proxies that misread them (§10.3).&lt;/p&gt;&lt;p&gt;XOR is its own inverse: the same key unmasks. The &lt;b&gt;Unmasking&lt;/b&gt; tab of the Frame panel shows each step; do the first four by hand first.&lt;/p&gt;</source>
        <translation>&lt;p&gt;客户端发送的每个帧都加了掩码：MASK 为 1，长度之后跟着四个随机字节的&lt;b&gt;掩码密钥&lt;/b&gt;，每个载荷字节与第 i mod 4 个密钥字节做异或（RFC 6455 §5.3）。目的不是保密，因为密钥就和数据一起传输，而是不让页面决定线路上出现的字节，以免误读这些字节的代理被欺骗（§10.3）。&lt;/p&gt;&lt;p&gt;异或是自身的逆运算：用同一个密钥就能去掉掩码。帧面板的&lt;b&gt;去掩码&lt;/b&gt;标签页展示了每一步；先亲手算出前四个字节。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>In the bit diagram of a browser frame, click the masking key.</source>
        <translation>在浏览器发来的帧的位示意图中，点击掩码密钥。</translation>
    </message>
    <message>
        <source>The 32 bits right after the length.</source>
        <translation>紧跟在长度之后的 32 位。</translation>
    </message>
    <message>
        <source>Unmask these four bytes: type the results in hex.</source>
        <translation>去掉这四个字节的掩码：用十六进制输入结果。</translation>
    </message>
    <message>
        <source>XOR each masked byte with the key byte in the same position: 0x7f XOR 0x37 = 0x48. The Windows or GNOME calculator in programmer mode does XOR.</source>
        <translation>把每个掩码后的字节与同一位置的密钥字节做异或：0x7f XOR 0x37 = 0x48。Windows 或 GNOME 计算器的程序员模式可以算异或。</translation>
    </message>
    <message>
        <source>Server frames</source>
        <translation>服务器的帧</translation>
    </message>
    <message>
        <source>&lt;p&gt;A server never masks: its frames have MASK = 0 and no key, and a client that receives a masked frame must fail the connection (RFC 6455 §5.1, §7.1.7). Otherwise the format is the one you know: FIN, opcode, the shortest length form, the payload.&lt;/p&gt;&lt;p&gt;The &lt;b&gt;Composer&lt;/b&gt; builds a frame field by field and sends its bytes as they are, valid or not, to a connection you choose.&lt;/p&gt;</source>
        <translation>&lt;p&gt;服务器从不加掩码：它的帧 MASK = 0，也没有密钥；客户端收到加了掩码的帧时必须让连接失败（RFC 6455 §5.1、§7.1.7）。除此之外，格式和你已经了解的一样：FIN、操作码、最短的长度写法、载荷。&lt;/p&gt;&lt;p&gt;&lt;b&gt;构造器&lt;/b&gt;逐个字段地构造一个帧，并把它的字节原样发给你选择的连接，不管是否合规。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Build an unmasked text frame in the Composer and send it to the page.</source>
        <translation>在构造器中构造一个不带掩码的文本帧，发送给页面。</translation>
    </message>
    <message>
        <source>In the Composer, choose opcode 0x1 text, leave MASK off, type a payload and press Send.</source>
        <translation>在构造器中选择操作码 0x1 文本，不勾选 MASK，输入载荷后点击发送。</translation>
    </message>
    <message>
        <source>Now send a masked one and watch the browser fail the connection.</source>
        <translation>再发送一个带掩码的帧，看浏览器让连接失败。</translation>
    </message>
    <message>
        <source>Tick MASK in the Composer and send. The browser closes with 1002 (protocol error) and the page reconnects.</source>
        <translation>在构造器中勾选 MASK 并发送。浏览器以 1002（协议错误）关闭连接，页面随后重新连接。</translation>
    </message>
    <message>
        <source>Fragmentation and control frames</source>
        <translation>分片与控制帧</translation>
    </message>
    <message>
        <source>&lt;p&gt;A message may be split into fragments: the first frame carries the opcode with FIN = 0, continuation frames (opcode 0x0) follow, and the last has FIN = 1 (RFC 6455 §5.4). A sender can start a message before it knows its length.&lt;/p&gt;&lt;p&gt;Control frames (close, ping, pong) are never fragmented, carry at most 125 bytes and may come between the fragments of a message (§5.5). A pong answers a ping with the same payload; the Chat pane shows the round-trip time.&lt;/p&gt;</source>
        <translation>&lt;p&gt;一条消息可以拆成多个分片：第一帧带有操作码且 FIN = 0，随后是延续帧（操作码 0x0），最后一帧 FIN = 1（RFC 6455 §5.4）。这样发送方在还不知道消息长度时就能开始发送。&lt;/p&gt;&lt;p&gt;控制帧（关闭、Ping、Pong）从不分片，载荷最多 125 字节，并且可以夹在一条消息的分片之间（§5.5）。Pong 用相同的载荷回应 Ping；聊天面板会显示往返时间。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Send a message to the page in three fragments.</source>
        <translation>把一条消息分成三个分片发送给页面。</translation>
    </message>
    <message>
        <source>In the Chat pane set Fragments to 3 and send. Select a fragment: the Frame panel lists the others of its message.</source>
        <translation>在聊天面板中把分片数设为 3 后发送。选中其中一个分片：帧面板会列出同一消息的其他分片。</translation>
    </message>
    <message>
        <source>Ping the page and read the round-trip time of its pong.</source>
        <translation>向页面发送 Ping，读出它的 Pong 的往返时间。</translation>
    </message>
    <message>
        <source>Chat pane, Ping tab: the browser answers by itself; pages cannot send pings.</source>
        <translation>聊天面板的 Ping 标签页：浏览器会自动应答；页面本身无法发送 Ping。</translation>
    </message>
    <message>
        <source>Put a control frame between the fragments of a message.</source>
        <translation>在一条消息的分片之间插入一个控制帧。</translation>
    </message>
    <message>
        <source>In the Composer send a text frame with FIN off, then a ping, then a continuation frame with FIN on.</source>
        <translation>在构造器中先发送一个不带 FIN 的文本帧，再发送一个 Ping，最后发送一个带 FIN 的延续帧。</translation>
    </message>
    <message>
        <source>Closing</source>
        <translation>关闭连接</translation>
    </message>
    <message>
        <source>&lt;p&gt;Either side may start the &lt;b&gt;closing handshake&lt;/b&gt; with a close frame whose payload is a 2-byte status code and an optional UTF-8 reason; the other side answers with a close frame of its own, and then the server closes the TCP connection (RFC 6455 §5.5.1, §7.1.1, §7.1.2).&lt;/p&gt;&lt;p&gt;Codes 1000–2999 are defined by the RFC and its registry, 4000–4999 are for applications (§7.4). The connection&apos;s last row says who closed first.&lt;/p&gt;</source>
        <translation>&lt;p&gt;任何一方都可以用关闭帧发起&lt;b&gt;关闭握手&lt;/b&gt;，其载荷是 2 字节的状态码和可选的 UTF-8 原因；另一方回应一个自己的关闭帧，随后由服务器关闭 TCP 连接（RFC 6455 §5.5.1、§7.1.1、§7.1.2）。&lt;/p&gt;&lt;p&gt;1000–2999 的状态码由 RFC 及其注册表定义，4000–4999 留给应用程序使用（§7.4）。连接的最后一行会说明是谁先关闭的。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Close a connection from the app with code 4000 and a reason.</source>
        <translation>在应用中以状态码 4000 和一个原因关闭连接。</translation>
    </message>
    <message>
        <source>Chat pane, Close tab: code 4000, any reason. The page shows both and reconnects.</source>
        <translation>聊天面板的关闭标签页：状态码 4000，原因随意。页面会显示两者并重新连接。</translation>
    </message>
    <message>
        <source>Close from the page with code 4000.</source>
        <translation>在页面上以状态码 4000 关闭连接。</translation>
    </message>
    <message>
        <source>The page&apos;s Close tool sends a close frame with the code and reason you type.</source>
        <translation>页面上的关闭帧工具会用你输入的状态码和原因发送关闭帧。</translation>
    </message>
    <message>
        <source>Find a connection the server closed first.</source>
        <translation>找到一个由服务器先关闭的连接。</translation>
    </message>
    <message>
        <source>The close from the Chat pane does it: its Closed row says the server started.</source>
        <translation>从聊天面板关闭就可以：它的“已关闭”一行会说明是服务器先发起的。</translation>
    </message>
    <message>
        <source>Find a connection the browser closed first.</source>
        <translation>找到一个由浏览器先关闭的连接。</translation>
    </message>
    <message>
        <source>The close from the page, or reloading it, does it.</source>
        <translation>在页面上关闭连接，或重新加载页面，都可以。</translation>
    </message>
    <message>
        <source>Compression</source>
        <translation>压缩</translation>
    </message>
    <message>
        <source>&lt;p&gt;With &lt;b&gt;permessage-deflate&lt;/b&gt; (RFC 7692) both sides agree in the handshake to compress each message with DEFLATE. The first frame of a compressed message has &lt;b&gt;RSV1&lt;/b&gt; set (§6); the four bytes 00 00 ff ff that end every compressed block are left out (§7.2.1).&lt;/p&gt;&lt;p&gt;Switch &lt;b&gt;Compression&lt;/b&gt; on in the toolbar and reload the page: the frames get shorter, the XOR no longer gives back your text, and the &lt;b&gt;Inflated&lt;/b&gt; tab of the Payload view shows the message as the application gets it.&lt;/p&gt;</source>
        <translation>&lt;p&gt;使用 &lt;b&gt;permessage-deflate&lt;/b&gt;（RFC 7692）时，双方在握手中约定用 DEFLATE 压缩每条消息。压缩消息的第一帧设置了 &lt;b&gt;RSV1&lt;/b&gt;（§6）；每个压缩块末尾的四个字节 00 00 ff ff 被省略（§7.2.1）。&lt;/p&gt;&lt;p&gt;在工具栏中打开&lt;b&gt;压缩&lt;/b&gt;并重新加载页面：帧变短了，异或不再还原出你的文本，而载荷视图中的&lt;b&gt;解压后&lt;/b&gt;标签页显示应用程序得到的消息。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Send a compressed message: a frame with RSV1 set.</source>
        <translation>发送一条压缩消息：一个设置了 RSV1 的帧。</translation>
    </message>
    <message>
        <source>Compression on in the toolbar, reload the page, send a message. Compare the Length column with the inflated size.</source>
        <translation>在工具栏中打开压缩，重新加载页面，发送一条消息。把长度列与解压后的大小比较一下。</translation>
    </message>
    <message>
        <source>Turn compression off again and reconnect without it.</source>
        <translation>再把压缩关掉，不带压缩重新连接。</translation>
    </message>
    <message>
        <source>Compression off in the toolbar, reload the page: the 101 no longer names permessage-deflate. Send the same message and compare its length.</source>
        <translation>在工具栏中关闭压缩，重新加载页面：101 应答中不再出现 permessage-deflate。发送同一条消息，比较它的长度。</translation>
    </message>
    <message>
        <source>Run the auto demo and compare the three transports.</source>
        <translation>运行自动演示，比较三种传输方式。</translation>
    </message>
    <message>
        <source>Transports tab, Compare in an auto demo: the same conversation over each transport, in a room of its own; its chart puts the requests, wasted requests and latency side by side.</source>
        <translation>传输方式标签页，点击“在自动演示中对比”：同一段对话分别通过每种传输方式进行，各自在单独的房间里；图表把请求数、无效请求和延迟并排列出。</translation>
    </message>
    <message>
        <source>Click the opcode: the four bits that say what kind of frame it is.</source>
        <translation>点击操作码：说明这是哪一种帧的那四位。</translation>
    </message>
    <message>
        <source>They end the first byte, after RSV3. The Opcode column of the frames table reads them for you.</source>
        <translation>它们位于第一个字节末尾，紧跟在 RSV3 之后。帧表格的操作码列会替你读出它们。</translation>
    </message>
    <message>
        <source>File ▸ New Client Connection connects: wslab&apos;s GET with Upgrade: websocket and the server&apos;s 101.</source>
        <translation>用“文件 ▸ 新建客户端连接”连接：wslab 发出带 Upgrade: websocket 的 GET，服务器回以 101。</translation>
    </message>
    <message>
        <source>File ▸ New Client Connection connects again: find wslab&apos;s upgrade request and the server&apos;s 101.</source>
        <translation>用“文件 ▸ 新建客户端连接”再连一次：找到 wslab 的升级请求和服务器的 101 应答。</translation>
    </message>
    <message>
        <source>Type a message in the Chat pane and send it: wslab sends it masked, as a browser does.</source>
        <translation>在聊天面板中输入一条消息并发送：wslab 像浏览器一样加掩码发送它。</translation>
    </message>
    <message>
        <source>Chat pane, Large tab: send 100 B.</source>
        <translation>聊天面板，“大消息”标签页：发送 100 B。</translation>
    </message>
    <message>
        <source>Chat pane, Large tab: send 1 KiB.</source>
        <translation>聊天面板，“大消息”标签页：发送 1 KiB。</translation>
    </message>
    <message>
        <source>Chat pane, Large tab: send 70 KiB.</source>
        <translation>聊天面板，“大消息”标签页：发送 70 KiB。</translation>
    </message>
    <message>
        <source>Send a message from the Chat pane: the server&apos;s answer, if it sends one, is such a frame.</source>
        <translation>从聊天面板发送一条消息：服务器的回复（如果它回复的话）就是这样的帧。</translation>
    </message>
    <message>
        <source>Chat pane, Ping tab: the server answers with a pong.</source>
        <translation>聊天面板，Ping 标签页：服务器以 pong 应答。</translation>
    </message>
    <message>
        <source>Chat pane, Close tab: code 4000. wslab, the client, sends the close frame.</source>
        <translation>聊天面板，“关闭”标签页：代码 4000。由客户端 wslab 发送关闭帧。</translation>
    </message>
    <message>
        <source>Send a broken frame from the Composer: a server that fails the connection closes first.</source>
        <translation>从构造器发送一个有问题的帧：使连接失败的服务器会先关闭。</translation>
    </message>
    <message>
        <source>Close from the Chat pane: wslab, the client, starts the closing handshake.</source>
        <translation>从聊天面板关闭：由客户端 wslab 发起关闭握手。</translation>
    </message>
    <message>
        <source>Connect with permessage-deflate offered (New Client Connection), then send a message.</source>
        <translation>连接时提供 permessage-deflate（新建客户端连接），然后发送一条消息。</translation>
    </message>
    <message>
        <source>Connect again without offering permessage-deflate, then send the same message.</source>
        <translation>再次连接，不提供 permessage-deflate，然后发送同样的消息。</translation>
    </message>
</context>
<context>
    <name>wslab::app::LessonTaskView</name>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Not done yet</source>
        <translation>尚未完成</translation>
    </message>
    <message>
        <source>Hint</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>the example of RFC 6455 §5.7, until a browser frame arrives</source>
        <translation>RFC 6455 §5.7 的示例，收到浏览器的帧后会换成它</translation>
    </message>
    <message>
        <source>Masking key: %1
Masked bytes: %2
(%3)</source>
        <translation>掩码密钥：%1
掩码后的字节：%2
（%3）</translation>
    </message>
    <message>
        <source>four bytes in hex, e.g. 0a 1b 2c 3d</source>
        <translation>四个十六进制字节，例如 0a 1b 2c 3d</translation>
    </message>
    <message>
        <source>Show Frame</source>
        <translation>显示该帧</translation>
    </message>
    <message>
        <source>Sec-WebSocket-Key: %1</source>
        <translation>Sec-WebSocket-Key：%1</translation>
    </message>
    <message>
        <source>28 characters of Base64</source>
        <translation>28 个 Base64 字符</translation>
    </message>
    <message>
        <source>&lt;b&gt;The derivation:&lt;/b&gt;&lt;br&gt;1. key + GUID: &lt;code&gt;%1&lt;/code&gt;&lt;br&gt;2. SHA-1: &lt;code&gt;%2&lt;/code&gt;&lt;br&gt;3. Base64: &lt;code&gt;%3&lt;/code&gt;</source>
        <translation>&lt;b&gt;推导过程：&lt;/b&gt;&lt;br&gt;1. 密钥 + GUID：&lt;code&gt;%1&lt;/code&gt;&lt;br&gt;2. SHA-1：&lt;code&gt;%2&lt;/code&gt;&lt;br&gt;3. Base64：&lt;code&gt;%3&lt;/code&gt;</translation>
    </message>
    <message>
        <source>Right: %1.</source>
        <translation>正确：%1。</translation>
    </message>
    <message>
        <source>Type four bytes in hex, such as 48 65 6c 6c.</source>
        <translation>请输入四个十六进制字节，例如 48 65 6c 6c。</translation>
    </message>
    <message>
        <source>Not yet. Each result is a masked byte XOR the key byte in the same position.</source>
        <translation>还不对。每个结果都是一个掩码后的字节与同一位置的密钥字节做异或。</translation>
    </message>
    <message>
        <source>Not yet. Hash the key as text with the GUID appended, then Base64 the 20 bytes.</source>
        <translation>还不对。把 GUID 接在密钥文本后面求 SHA-1，再把这 20 个字节做 Base64 编码。</translation>
    </message>
    <message>
        <source>the first four payload bytes of a masked frame from the browser; Show Frame selects it</source>
        <translation>浏览器发来的一个带掩码的帧的前四个载荷字节；点击“显示该帧”可选中它</translation>
    </message>
    <message>
        <source>Needs the embedded server: this task uses its chat page or its tools. Switch with Connection Mode ▸ Embedded Server.</source>
        <translation>需要内置服务器：这项任务要用到它的聊天页面或工具。请用“连接模式 ▸ 内置服务器”切换。</translation>
    </message>
    <message>
        <source>Proxy mode: do it with your own app, opened through wslab; its traffic counts as the chat page&apos;s would.</source>
        <translation>代理模式：用你自己的应用（通过 wslab 打开）来完成；它的流量和聊天页面的流量一样计入。</translation>
    </message>
    <message>
        <source>Client mode: %1</source>
        <translation>客户端模式：%1</translation>
    </message>
    <message>
        <source>Client mode: wslab is the client; the Chat pane and the Composer send what the page would.</source>
        <translation>客户端模式：wslab 是客户端；聊天面板和构造器发送页面本会发送的内容。</translation>
    </message>
</context>
<context>
    <name>wslab::app::LessonsPane</name>
    <message>
        <source>Lessons</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>Read: %1</source>
        <translation>阅读：%1</translation>
    </message>
    <message>
        <source>%1 of %2 tasks done</source>
        <translation>已完成 %1/%2 项任务</translation>
    </message>
    <message>
        <source>Start the Lessons Again?</source>
        <translation>重新开始课程？</translation>
    </message>
    <message>
        <source>Every task of every lesson is marked as not done, for the current language. The capture is not touched.</source>
        <translation>当前语言下所有课程的所有任务都会标记为未完成。已捕获的数据不受影响。</translation>
    </message>
    <message>
        <source>Start Again</source>
        <translation>重新开始</translation>
    </message>
    <message>
        <source>Mark every task as not done</source>
        <translation>把所有任务标记为未完成</translation>
    </message>
    <message>
        <source>Tasks (each is ticked when the capture shows it done)</source>
        <translation>任务（捕获到相应流量时自动打勾）</translation>
    </message>
</context>
<context>
    <name>wslab::app::MainWindow</name>
    <message>
        <source>Copied %1</source>
        <translation>已复制 %1</translation>
    </message>
    <message>
        <source>No row matches the filter.</source>
        <translation>没有符合筛选条件的行。</translation>
    </message>
    <message>
        <source>No traffic yet.</source>
        <translation>还没有流量。</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;No traffic yet.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Open %1 in your browser (%2), send a message, and watch its frames arrive here.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;还没有流量。&lt;/b&gt;&lt;/p&gt;&lt;p&gt;在浏览器中打开 %1（快捷键 %2），发送一条消息，然后在这里看它的帧到达。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>WebSocket Lab</source>
        <translation>WebSocket Lab</translation>
    </message>
    <message>
        <source>&amp;Open in Browser</source>
        <translation>在浏览器中打开(&amp;O)</translation>
    </message>
    <message>
        <source>Open the chat page in your web browser</source>
        <translation>在网页浏览器中打开聊天页面</translation>
    </message>
    <message>
        <source>&amp;Copy Page Address</source>
        <translation>复制页面地址(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Pause Capture</source>
        <translation>暂停捕获(&amp;P)</translation>
    </message>
    <message>
        <source>Stop adding rows to the frames table (the server keeps running)</source>
        <translation>不再向帧表添加新行（服务器照常运行）</translation>
    </message>
    <message>
        <source>C&amp;lear Capture</source>
        <translation>清空捕获(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Find in Capture</source>
        <translation>在捕获中查找(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Hold Incoming</source>
        <translation>扣留传入帧(&amp;H)</translation>
    </message>
    <message>
        <source>Step mode: frames from browsers are captured but not delivered to the chat until you deliver them</source>
        <translation>单步模式：来自浏览器的帧会被捕获，但在你放行之前不会投递到聊天室</translation>
    </message>
    <message>
        <source>Deliver &amp;Next</source>
        <translation>放行下一帧(&amp;N)</translation>
    </message>
    <message>
        <source>Deliver the oldest held frame (%1)</source>
        <translation>放行最早扣留的一帧（%1）</translation>
    </message>
    <message>
        <source>Deliver &amp;All</source>
        <translation>全部放行(&amp;A)</translation>
    </message>
    <message>
        <source>Deliver every held frame (%1)</source>
        <translation>放行所有扣留的帧（%1）</translation>
    </message>
    <message>
        <source>Clear the frames table (%1)</source>
        <translation>清空帧表（%1）</translation>
    </message>
    <message>
        <source>&amp;First Frame</source>
        <translation>第一帧(&amp;F)</translation>
    </message>
    <message>
        <source>P&amp;revious Frame</source>
        <translation>上一帧(&amp;R)</translation>
    </message>
    <message>
        <source>N&amp;ext Frame</source>
        <translation>下一帧(&amp;E)</translation>
    </message>
    <message>
        <source>Las&amp;t Frame</source>
        <translation>最后一帧(&amp;T)</translation>
    </message>
    <message>
        <source>Answer Correctly</source>
        <translation>正确应答</translation>
    </message>
    <message>
        <source>Wrong Sec-WebSocket-Accept (SHA-1 of the key without the GUID)</source>
        <translation>错误的 Sec-WebSocket-Accept（只对密钥做 SHA-1，不加 GUID）</translation>
    </message>
    <message>
        <source>Leave Out the Upgrade Header</source>
        <translation>省略 Upgrade 头</translation>
    </message>
    <message>
        <source>Answer 200 OK Instead of 101</source>
        <translation>用 200 OK 代替 101 应答</translation>
    </message>
    <message>
        <source>Handshake &amp;Lab</source>
        <translation>握手实验(&amp;L)</translation>
    </message>
    <message>
        <source>Handshake Lab</source>
        <translation>握手实验</translation>
    </message>
    <message>
        <source>Answer the next WebSocket upgrade wrongly on purpose and watch the browser refuse it (RFC 6455 §4.1). One connection, then correct again.</source>
        <translation>故意错误地应答下一次 WebSocket 升级，看浏览器如何拒绝它（RFC 6455 §4.1）。只影响一个连接，之后恢复正确应答。</translation>
    </message>
    <message>
        <source>&amp;Reset Layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;How to Use</source>
        <translation>使用说明(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About WebSocket Lab</source>
        <translation>关于 WebSocket Lab(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 &amp;Qt</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Capture</source>
        <translation>捕获(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation>工具栏</translation>
    </message>
    <message>
        <source>Frame</source>
        <translation>帧</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>聊天</translation>
    </message>
    <message>
        <source>Composer</source>
        <translation>构造器</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Use port %1</source>
        <translation>改用端口 %1</translation>
    </message>
    <message>
        <source>Listening on %1</source>
        <translation>正在监听 %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;The server cannot listen on port %1.&lt;/b&gt; %2</source>
        <translation>&lt;b&gt;服务器无法监听端口 %1。&lt;/b&gt;%2</translation>
    </message>
    <message>
        <source>Another program is probably using it; port %1 is free.</source>
        <translation>可能有其他程序正在使用它；端口 %1 是空闲的。</translation>
    </message>
    <message>
        <source>Handshake lab: connection #%1 got the faulty answer; the next upgrade is answered correctly again.</source>
        <translation>握手实验：连接 #%1 收到了错误的应答；下一次升级将恢复正确应答。</translation>
    </message>
    <message>
        <source>Handshake lab off: upgrades are answered correctly.</source>
        <translation>握手实验已关闭：升级请求将被正确应答。</translation>
    </message>
    <message>
        <source>Handshake lab: the next upgrade gets &quot;%1&quot;. Reload the page to see the browser refuse it.</source>
        <translation>握手实验：下一次升级将收到“%1”。重新加载页面，看浏览器如何拒绝它。</translation>
    </message>
    <message>
        <source>How to Use WebSocket Lab</source>
        <translation>WebSocket Lab 使用说明</translation>
    </message>
    <message>
        <source>not listening</source>
        <translation>未在监听</translation>
    </message>
    <message>
        <source>About WebSocket Lab</source>
        <translation>关于 WebSocket Lab</translation>
    </message>
    <message>
        <source>&lt;h3&gt;WebSocket Lab %1&lt;/h3&gt;&lt;p&gt;Learn and debug the WebSocket protocol (RFC 6455): a chat server on your machine and an inspector that shows every byte on the wire.&lt;/p&gt;&lt;p&gt;Qt %2 (built with %3)&lt;/p&gt;</source>
        <translation>&lt;h3&gt;WebSocket Lab %1&lt;/h3&gt;&lt;p&gt;学习和调试 WebSocket 协议（RFC 6455）：在你的机器上运行的聊天服务器，加上一个展示线路上每个字节的检查器。&lt;/p&gt;&lt;p&gt;Qt %2（编译时版本 %3）&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Handshake</source>
        <translation>握手</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Transports</source>
        <translation>传输方式</translation>
    </message>
    <message>
        <source>Compression on: new connections accept permessage-deflate. Reload the page to open one; connections already open keep what they agreed.</source>
        <translation>压缩已开启：新连接会接受 permessage-deflate。重新加载页面即可建立新连接；已经打开的连接保持原先协商的结果。</translation>
    </message>
    <message>
        <source>Compression off: new connections send plain frames. Reload the page to open one; connections already open keep what they agreed.</source>
        <translation>压缩已关闭：新连接发送未压缩的帧。重新加载页面即可建立新连接；已经打开的连接保持原先协商的结果。</translation>
    </message>
    <message>
        <source>Compression: On</source>
        <translation>压缩：开</translation>
    </message>
    <message>
        <source>Compression: Off</source>
        <translation>压缩：关</translation>
    </message>
    <message>
        <source>permessage-deflate (RFC 7692) for connections opened from now on. Off, a browser&apos;s frames carry the text as typed, so the unmasking XOR gives it back and big messages show the 16- and 64-bit lengths. On, browsers send their messages compressed: RSV1 set, DEFLATE bytes, shorter lengths.</source>
        <translation>对此后建立的连接启用 permessage-deflate（RFC 7692）。关闭时，浏览器的帧携带的就是输入的文本，去掩码的异或运算能还原出它，大消息也会显示 16 位和 64 位长度。开启时，浏览器压缩后发送消息：RSV1 置位、DEFLATE 字节、长度更短。</translation>
    </message>
    <message>
        <source>No Browser Started</source>
        <translation>未能启动浏览器</translation>
    </message>
    <message>
        <source>No web browser could be started to open the chat page. Open this address in a browser yourself:</source>
        <translation>无法启动网页浏览器来打开聊天页面。请自行在浏览器中打开这个地址：</translation>
    </message>
    <message>
        <source>Copy Address</source>
        <translation>复制地址</translation>
    </message>
    <message>
        <source>Quit WebSocket Lab?</source>
        <translation>退出 WebSocket Lab？</translation>
    </message>
    <message>
        <source>Do not ask again</source>
        <translation>不再询问</translation>
    </message>
    <message>
        <source>Opening %1 in your browser. If no browser appears, open that address in one yourself (File ▸ Copy Page Address, %2).</source>
        <translation>正在浏览器中打开 %1。如果没有浏览器出现，请自行在浏览器中打开这个地址（文件 ▸ 复制页面地址，%2）。</translation>
    </message>
    <message>
        <source>1 client is connected. Quitting stops the server and disconnects it (close code %1).</source>
        <translation>有 1 个客户端已连接。退出会停止服务器并断开它（关闭码 %1）。</translation>
    </message>
    <message>
        <source>%1 clients are connected. Quitting stops the server and disconnects them (close code %2).</source>
        <translation>有 %1 个客户端已连接。退出会停止服务器并断开它们（关闭码 %2）。</translation>
    </message>
    <message>
        <source>Pause</source>
        <comment>toolbar button: pause capture</comment>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Clear</source>
        <comment>toolbar button: clear capture</comment>
        <translation>清空</translation>
    </message>
    <message>
        <source>%1.</source>
        <comment>a system message ended as a sentence</comment>
        <translation>%1。</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Watch a WebSocket conversation, byte by byte&lt;/h3&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;Open the page&lt;/b&gt; (%1): the browser sends an HTTP upgrade request and the server answers 101 Switching Protocols. Both are rows in the frames table; the Handshake panel shows how Sec-WebSocket-Accept is derived.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Send a message&lt;/b&gt; from the page. Its frame arrives masked, as every browser frame must be (RFC 6455 §5.3).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Select the frame.&lt;/b&gt; The Frame panel draws the header bit by bit and the bytes in hex; the Unmasking panel shows the XOR with the masking key, which gives back your text while Compression is off (the default). Switched on in the toolbar, it lets new connections use permessage-deflate (RFC 7692): the browser then sends DEFLATE bytes with RSV1 set, and the Inflated tab shows the message.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Talk back&lt;/b&gt; from the Chat panel: text, binary, big messages (uncompressed, the length field grows from 7 to 16 to 64 bits), fragments, ping, close with a code.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Break the rules&lt;/b&gt; in the Composer and the Handshake lab, and watch the browser close the connection.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Step&lt;/b&gt;: Hold Incoming keeps browser frames in the server until you deliver them (%2 one, %3 all).&lt;/li&gt;&lt;/ol&gt;</source>
        <translation>&lt;h3&gt;逐字节观察一次 WebSocket 对话&lt;/h3&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;打开页面&lt;/b&gt;（%1）：浏览器发送 HTTP 升级请求，服务器应答 101 Switching Protocols。两者都是帧表中的行；握手面板展示 Sec-WebSocket-Accept 是如何推导出来的。&lt;/li&gt;&lt;li&gt;在页面上&lt;b&gt;发送一条消息&lt;/b&gt;。它的帧到达时是带掩码的，每个浏览器帧都必须如此（RFC 6455 §5.3）。&lt;/li&gt;&lt;li&gt;&lt;b&gt;选中这一帧。&lt;/b&gt;帧面板逐位画出帧头，并以十六进制显示字节；去掩码面板展示与掩码键的异或运算，在压缩关闭（默认）时它能还原出你输入的文本。在工具栏中打开压缩后，新连接可以使用 permessage-deflate（RFC 7692）：浏览器随后发送 RSV1 置位的 DEFLATE 字节，“解压后”标签页显示消息本身。&lt;/li&gt;&lt;li&gt;在聊天面板中&lt;b&gt;回复&lt;/b&gt;：文本、二进制、大消息（不压缩时，长度字段从 7 位增长到 16 位再到 64 位）、分片、ping、带关闭码的关闭。&lt;/li&gt;&lt;li&gt;在构造器和握手实验中&lt;b&gt;打破规则&lt;/b&gt;，看浏览器如何关闭连接。&lt;/li&gt;&lt;li&gt;&lt;b&gt;单步&lt;/b&gt;：“扣留传入帧”会把浏览器的帧留在服务器里，直到你放行它们（%2 放行一帧，%3 全部放行）。&lt;/li&gt;&lt;/ol&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Proxy mode cannot start:&lt;/b&gt; %1. Choose the upstream in Settings.</source>
        <translation>&lt;b&gt;代理模式无法启动：&lt;/b&gt;%1。请在设置中选择上游服务器。</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Connection &amp;Mode</source>
        <translation>连接模式(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Embedded Server</source>
        <translation>内置服务器(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Proxy to URL…</source>
        <translation>代理到 URL(&amp;P)…</translation>
    </message>
    <message>
        <source>Proxy → %1</source>
        <translation>代理 → %1</translation>
    </message>
    <message>
        <source>Embedded Server</source>
        <translation>内置服务器</translation>
    </message>
    <message>
        <source>Proxy mode: every connection to this address is relayed byte for byte to %1. Choose another mode here or in Settings.</source>
        <translation>代理模式：连到这个地址的每个连接都被逐字节转发到 %1。可以在这里或在设置中选择其他模式。</translation>
    </message>
    <message>
        <source>Connection mode: wslab&apos;s own chat server answers the browsers. Choose Proxy to URL to watch your own server&apos;s traffic.</source>
        <translation>连接模式：由 wslab 自带的聊天服务器应答浏览器。选择“代理到 URL”可以观察你自己的服务器的流量。</translation>
    </message>
    <message>
        <source>Proxy: browser → wslab → %1</source>
        <translation>代理：浏览器 → wslab → %1</translation>
    </message>
    <message>
        <source>Embedded server</source>
        <translation>内置服务器</translation>
    </message>
    <message>
        <source>⚠ certificate not checked (insecure)</source>
        <translation>⚠ 未检查证书（不安全）</translation>
    </message>
    <message>
        <source>Proxy mode: browsers talk to your own server here; only the embedded server chats from this pane.</source>
        <translation>代理模式：浏览器在这里与你自己的服务器对话；只有内置服务器才能从这个面板聊天。</translation>
    </message>
    <message>
        <source>Proxy mode: wslab relays what the two ends send; the Composer sends frames as the embedded server only.</source>
        <translation>代理模式：wslab 只转发两端发送的内容；构造器只能以内置服务器的身份发送帧。</translation>
    </message>
    <message>
        <source>Proxy mode: the transports comparison and its demo run against the embedded server only.</source>
        <translation>代理模式：传输方式对比及其演示只能针对内置服务器运行。</translation>
    </message>
    <message>
        <source>Open your server&apos;s page through wslab in your web browser</source>
        <translation>在网页浏览器中经由 wslab 打开你的服务器的页面</translation>
    </message>
    <message>
        <source>Handshake Lab: in proxy mode your server answers the upgrades; switch to the embedded server to answer them wrongly on purpose.</source>
        <translation>握手实验室：代理模式下由你的服务器应答升级请求；切换到内置服务器才能故意给出错误的应答。</translation>
    </message>
    <message>
        <source>In proxy mode the browser and your server agree on compression themselves; the inspector inflates what they send.</source>
        <translation>代理模式下，压缩由浏览器和你的服务器自行协商；检查器会解压它们发送的内容。</translation>
    </message>
    <message>
        <source>&amp;Client of a Server…</source>
        <translation>服务器的客户端(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;New Client Connection…</source>
        <translation>新建客户端连接(&amp;N)…</translation>
    </message>
    <message>
        <source>Connect to a WebSocket server (ws:// or wss://) as a client</source>
        <translation>作为客户端连接到 WebSocket 服务器（ws:// 或 wss://）</translation>
    </message>
    <message>
        <source>subprotocol %1</source>
        <translation>子协议 %1</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>已连接到 %1</translation>
    </message>
    <message>
        <source>Connected to %1 (%2)</source>
        <translation>已连接到 %1（%2）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>The server sent close %1 &quot;%2&quot;</source>
        <translation>服务器发送了关闭码 %1“%2”</translation>
    </message>
    <message>
        <source>The server sent a close frame without a code</source>
        <translation>服务器发送了不带关闭码的关闭帧</translation>
    </message>
    <message>
        <source>&lt;b&gt;Client mode cannot start:&lt;/b&gt; %1. Choose the server with File ▸ New Client Connection.</source>
        <translation>&lt;b&gt;客户端模式无法启动：&lt;/b&gt;%1。请用“文件 ▸ 新建客户端连接”选择服务器。</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <source>wslab → %1</source>
        <translation>wslab → %1</translation>
    </message>
    <message>
        <source>Closed cleanly. File ▸ New Client Connection connects again.</source>
        <translation>已正常关闭。用“文件 ▸ 新建客户端连接”可再次连接。</translation>
    </message>
    <message>
        <source>Connection ended: %1</source>
        <translation>连接结束：%1</translation>
    </message>
    <message>
        <source>Client → %1</source>
        <translation>客户端 → %1</translation>
    </message>
    <message>
        <source>Client mode: wslab is a client of %1; the Chat pane and the Composer talk to it. Choose another mode here or in Settings.</source>
        <translation>客户端模式：wslab 是 %1 的客户端；聊天面板和帧编辑器与它对话。可在这里或设置中选择其他模式。</translation>
    </message>
    <message>
        <source>Client: wslab → %1</source>
        <translation>客户端：wslab → %1</translation>
    </message>
    <message>
        <source>Client mode: the transports comparison and its demo run against the embedded server only.</source>
        <translation>客户端模式：传输方式对比及其演示只针对内置服务器运行。</translation>
    </message>
    <message>
        <source>In client mode wslab serves no page; switch to the embedded server.</source>
        <translation>客户端模式下 wslab 不提供页面；请切换到内置服务器。</translation>
    </message>
    <message>
        <source>Handshake Lab: in client mode the server answers wslab&apos;s upgrade; switch to the embedded server to answer browsers wrongly on purpose.</source>
        <translation>握手实验室：客户端模式下由服务器回应 wslab 的升级请求；切换到内置服务器才能故意错误地回应浏览器。</translation>
    </message>
    <message>
        <source>In client mode, New Client Connection chooses whether to offer permessage-deflate.</source>
        <translation>客户端模式下，由“新建客户端连接”决定是否提供 permessage-deflate。</translation>
    </message>
    <message>
        <source>Hold Incoming steps the embedded server&apos;s frames; the client does not hold.</source>
        <translation>“暂停接收”逐帧放行内置服务器的帧；客户端不暂停。</translation>
    </message>
    <message>
        <source>Intercept</source>
        <translation>拦截</translation>
    </message>
    <message>
        <source>&amp;Hold from Browser</source>
        <translation>扣留浏览器的帧(&amp;H)</translation>
    </message>
    <message>
        <source>Proxy mode: hold the frames browsers send to your server until you forward, drop or edit them in the Intercept pane (%1)</source>
        <translation>代理模式：扣留浏览器发给你的服务器的帧，直到你在拦截面板中转发、丢弃或编辑它们（%1）</translation>
    </message>
    <message>
        <source>Forward the oldest held frame (%1)</source>
        <translation>转发最早扣留的一帧（%1）</translation>
    </message>
    <message>
        <source>Forward every held frame (%1)</source>
        <translation>转发所有扣留的帧（%1）</translation>
    </message>
    <message>
        <source>Intercept is off for this proxy: see the Intercept pane.</source>
        <translation>此代理的拦截已关闭：请看拦截面板。</translation>
    </message>
    <message>
        <source>The server sent close %1 without a reason</source>
        <translation>服务器发送了关闭码 %1，没有附带原因</translation>
    </message>
</context>
<context>
    <name>wslab::app::ProxyPreferences</name>
    <message>
        <source>the CA file %1 cannot be read</source>
        <translation>无法读取 CA 文件 %1</translation>
    </message>
</context>
<context>
    <name>wslab::app::QuantityFormat</name>
    <message>
        <source>%1 B</source>
        <translation>%1 B</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1 /s</source>
        <translation>%1 /s</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
</context>
<context>
    <name>wslab::app::RecordPrinter</name>
    <message>
        <source>error: cannot write %1: %2</source>
        <translation>错误：无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>wslab::app::ReplayDialog</name>
    <message numerus="yes">
        <source>The selected frames (%n)</source>
        <translation>
            <numerusform>选中的帧（%n 个）</numerusform>
        </translation>
    </message>
    <message>
        <source>Their whole messages, with the control frames sent between</source>
        <translation>它们所属的完整消息，连同其间发送的控制帧</translation>
    </message>
    <message>
        <source>The whole connection, up to its close</source>
        <translation>整个连接，直到关闭帧为止</translation>
    </message>
    <message>
        <source>Keep the recorded time between frames</source>
        <translation>保持录下的帧间时间间隔</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>重放</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>服务器：</translation>
    </message>
    <message>
        <source>Send:</source>
        <translation>发送：</translation>
    </message>
    <message>
        <source>The recorded opening handshake goes to the server with a new Host and Sec-WebSocket-Key, then the client&apos;s frames exactly as recorded. The new connection shows in the live window.</source>
        <translation>录下的开始握手会发给服务器（Host 和 Sec-WebSocket-Key 换成新的），然后是客户端的各帧，与录下的完全相同。新连接显示在实时窗口中。</translation>
    </message>
</context>
<context>
    <name>wslab::app::ReplayHost</name>
    <message numerus="yes">
        <source>Replay %1: %n frame(s) sent, closed cleanly.</source>
        <translation>
            <numerusform>重放 %1：已发送 %n 帧，已正常关闭。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Replay %1: %2 of %n frame(s) sent: %3</source>
        <translation>
            <numerusform>重放 %1：已发送 %2/%n 帧：%3</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wslab::app::ReplayLauncher</name>
    <message>
        <source>Replay</source>
        <translation>重放</translation>
    </message>
    <message>
        <source>Connection %1 cannot be replayed: %2</source>
        <translation>连接 %1 无法重放：%2</translation>
    </message>
    <message>
        <source>Replaying connection %1 to %2 as connection %3…</source>
        <translation>正在把连接 %1 重放到 %2，作为连接 %3…</translation>
    </message>
</context>
<context>
    <name>wslab::app::ReplayRunner</name>
    <message>
        <source>error: %1: %2</source>
        <translation>错误：%1：%2</translation>
    </message>
    <message>
        <source>error: %1 holds no WebSocket connection</source>
        <translation>错误：%1 中没有 WebSocket 连接</translation>
    </message>
    <message>
        <source>error: connection %1 cannot be replayed: %2</source>
        <translation>错误：连接 %1 无法重放：%2</translation>
    </message>
    <message numerus="yes">
        <source>replaying connection %1 (%n frame(s)) to %2%3</source>
        <translation>
            <numerusform>正在把连接 %1（%n 帧）重放到 %2%3</numerusform>
        </translation>
    </message>
    <message>
        <source>, with the recorded timing</source>
        <translation>，按录下的时间间隔</translation>
    </message>
    <message>
        <source>note: the file holds messages, not frames: they are sent as frames wslab encodes (FIN, masking key and length form are not the recorded ones)</source>
        <translation>注意：该文件保存的是消息而不是帧：它们以 wslab 编码的帧发送（FIN、掩码密钥和长度形式都不是录下的）</translation>
    </message>
    <message numerus="yes">
        <source>replayed %n frame(s); closed cleanly (%1)</source>
        <translation>
            <numerusform>已重放 %n 帧；已正常关闭（%1）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>error: replay sent %1 of %n frame(s): %2</source>
        <translation>
            <numerusform>错误：重放只发送了 %1/%n 帧：%2</numerusform>
        </translation>
    </message>
    <message>
        <source>stopping now</source>
        <translation>立即停止</translation>
    </message>
    <message>
        <source>note: the server agreed to &quot;%1&quot;, the recording to &quot;%2&quot;%3</source>
        <translation>注意：服务器同意的是“%1”，录下的是“%2”%3</translation>
    </message>
    <message>
        <source>: compressed frames cannot be replayed (RFC 7692 §7.2.3.3)</source>
        <translation>：压缩帧无法重放（RFC 7692 §7.2.3.3）</translation>
    </message>
    <message>
        <source>note: the server chose subprotocol &quot;%1&quot;, the recording &quot;%2&quot;</source>
        <translation>注意：服务器选择的子协议是“%1”，录下的是“%2”</translation>
    </message>
    <message>
        <source>note: messages were compressed anew: the recorded compression context is not on the new connection (RFC 7692 §7.2.3.3)</source>
        <translation>注意：消息已重新压缩：新连接上没有录下的压缩上下文（RFC 7692 §7.2.3.3）</translation>
    </message>
    <message>
        <source>note: the replay held no close frame: wslab closed the connection itself</source>
        <translation>注意：重放的内容中没有关闭帧：由 wslab 自己关闭连接</translation>
    </message>
</context>
<context>
    <name>wslab::app::SelectionExport</name>
    <message>
        <source>Copy &amp;As</source>
        <translation>复制为(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Selected Bytes</source>
        <translation>选中的字节(&amp;S)</translation>
    </message>
    <message>
        <source>%1…</source>
        <translation>%1…</translation>
    </message>
    <message>
        <source>&amp;Frame</source>
        <translation>帧(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Payload</source>
        <translation>载荷(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Message</source>
        <translation>消息(&amp;M)</translation>
    </message>
    <message>
        <source>Hex &amp;Dump</source>
        <translation>十六进制转储(&amp;D)</translation>
    </message>
    <message>
        <source>Hex &amp;Stream</source>
        <translation>十六进制流(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;C Array</source>
        <translation>&amp;C 数组</translation>
    </message>
    <message>
        <source>&amp;Base64</source>
        <translation>&amp;Base64</translation>
    </message>
    <message>
        <source>&amp;Raw Bytes</source>
        <translation>原始字节(&amp;R)</translation>
    </message>
    <message>
        <source>Export Selected Bytes</source>
        <translation>导出选中的字节</translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation>无法写入 %1：%2。</translation>
    </message>
</context>
<context>
    <name>wslab::app::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>限制</translation>
    </message>
    <message>
        <source>Capture</source>
        <translation>捕获</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>任意空闲端口</translation>
    </message>
    <message>
        <source>&amp;Bind address:</source>
        <translation>绑定地址(&amp;B)：</translation>
    </message>
    <message>
        <source>Allowed &amp;origins:</source>
        <translation>允许的源(&amp;O)：</translation>
    </message>
    <message>
        <source>One per line, e.g. http://localhost:3000
The app&apos;s own page is always allowed.</source>
        <translation>每行一个，例如 http://localhost:3000
本应用自己的页面总是允许的。</translation>
    </message>
    <message>
        <source>Allow &amp;any origin</source>
        <translation>允许任意源(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Largest &amp;message:</source>
        <translation>最大消息(&amp;M)：</translation>
    </message>
    <message>
        <source> KiB</source>
        <translation> KiB</translation>
    </message>
    <message>
        <source>Bigger messages are refused with close code 1009 (RFC 6455 §7.4.1)</source>
        <translation>更大的消息会以关闭码 1009 拒绝（RFC 6455 §7.4.1）</translation>
    </message>
    <message>
        <source>Largest &amp;frame payload:</source>
        <translation>最大帧载荷(&amp;F)：</translation>
    </message>
    <message>
        <source>Decided from the header alone, before the payload arrives (RFC 6455 §10.4)</source>
        <translation>仅凭帧头判断，无需等载荷到达（RFC 6455 §10.4）</translation>
    </message>
    <message>
        <source>&amp;Outgoing fragment size:</source>
        <translation>发出消息的分片大小(&amp;O)：</translation>
    </message>
    <message>
        <source> bytes</source>
        <translation> 字节</translation>
    </message>
    <message>
        <source>no fragmentation</source>
        <translation>不分片</translation>
    </message>
    <message>
        <source>Split every message the server sends into frames of at most this many payload bytes (RFC 6455 §5.4)</source>
        <translation>把服务器发出的每条消息拆成载荷最多这么多字节的帧（RFC 6455 §5.4）</translation>
    </message>
    <message>
        <source>&amp;Ping idle clients every:</source>
        <translation>空闲客户端的 ping 间隔(&amp;P)：</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>Most &amp;connections:</source>
        <translation>最大连接数(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Capture traffic</source>
        <translation>捕获流量(&amp;C)</translation>
    </message>
    <message>
        <source>Payload kept per &amp;frame:</source>
        <translation>每帧保留的载荷(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Rows kept in the table:</source>
        <translation>帧表保留的行数(&amp;R)：</translation>
    </message>
    <message>
        <source>The oldest rows go first once the table holds this many</source>
        <translation>帧表达到这个行数后，最早的行先被丢弃</translation>
    </message>
    <message>
        <source>⚠ Other computers on your network can connect, chat and see the capture. Use 127.0.0.1 unless you mean it.</source>
        <translation>⚠ 你所在网络中的其他计算机可以连接、聊天并看到捕获内容。除非确有此意，请使用 127.0.0.1。</translation>
    </message>
    <message>
        <source>⚠ Any web page you visit could open a WebSocket to this server (cross-site WebSocket hijacking).</source>
        <translation>⚠ 你访问的任何网页都能向这个服务器打开 WebSocket（跨站 WebSocket 劫持）。</translation>
    </message>
    <message>
        <source>Browsers send an Origin header; the server refuses upgrades from pages it does not serve, so other sites cannot talk to it.</source>
        <translation>浏览器会发送 Origin 头；服务器拒绝来自非本服务器页面的升级请求，所以别的网站无法与它通信。</translation>
    </message>
    <message>
        <source>Running on port %1, the free port found at start.</source>
        <translation>正在端口 %1 上运行（启动时找到的空闲端口）。</translation>
    </message>
    <message>
        <source>Running on port %1 (this run only); port %2 is saved for the next start. OK saves the port above.</source>
        <translation>当前运行于端口 %1（仅限本次运行）；下次启动使用已保存的端口 %2。点击“确定”将保存上面的端口。</translation>
    </message>
    <message>
        <source>Accept &amp;compression (permessage-deflate, RFC 7692)</source>
        <translation>接受压缩(&amp;C)（permessage-deflate，RFC 7692）</translation>
    </message>
    <message>
        <source>Ask before quitting while clients are connected</source>
        <translation>有客户端连接时，退出前先询问</translation>
    </message>
    <message>
        <source>For connections opened after the change. Off, frames carry the text as typed; on, browsers send their messages as DEFLATE bytes (RSV1 set).</source>
        <translation>对更改之后建立的连接生效。关闭时，帧携带的就是输入的文本；开启时，浏览器以 DEFLATE 字节发送消息（RSV1 置位）。</translation>
    </message>
    <message>
        <source>wslab listens at the address and port of the Server page and relays every connection, page and WebSocket alike, byte for byte to your own server. The inspector shows both directions; the Chat, Composer and Transports panels rest.</source>
        <translation>wslab 在“服务器”页的地址和端口上监听，把每个连接（页面和 WebSocket 都一样）逐字节转发到你自己的服务器。检查器显示两个方向的流量；聊天、构造器和传输方式面板暂停使用。</translation>
    </message>
    <message>
        <source>wslab&apos;s own chat server answers the browsers: the page, the chat and the echo, with the Chat, Composer, Transports and Handshake Lab tools.</source>
        <translation>由 wslab 自带的聊天服务器应答浏览器：页面、聊天和回显，并提供聊天、构造器、传输方式和握手实验室等工具。</translation>
    </message>
    <message>
        <source>CA Certificates</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation>PEM 证书 (*.pem *.crt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>⚠ Proxy mode cannot use this: %1.</source>
        <translation>⚠ 代理模式无法使用它：%1。</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>&amp;Mode:</source>
        <translation>模式(&amp;M)：</translation>
    </message>
    <message>
        <source>Embedded server</source>
        <translation>内置服务器</translation>
    </message>
    <message>
        <source>Proxy to URL</source>
        <translation>代理到 URL</translation>
    </message>
    <message>
        <source>&amp;Upstream URL:</source>
        <translation>上游 URL(&amp;U)：</translation>
    </message>
    <message>
        <source>Your own server: ws://host:port or wss://host:port, with an optional path prefix put in front of every request</source>
        <translation>你自己的服务器：ws://host:port 或 wss://host:port，可带一个路径前缀，加在每个请求的前面</translation>
    </message>
    <message>
        <source>&amp;Rewrite the Host header to the upstream&apos;s host:port</source>
        <translation>把 Host 头改写为上游的 host:port(&amp;R)</translation>
    </message>
    <message>
        <source>Off, the browser&apos;s Host header goes through as it was (byte for byte). On, each request is changed, and its row is marked as changed.</source>
        <translation>关闭时，浏览器的 Host 头按原样（逐字节）转发。打开时，每个请求都会被修改，它的行会标记为已修改。</translation>
    </message>
    <message>
        <source>CA &amp;certificates:</source>
        <translation>CA 证书(&amp;C)：</translation>
    </message>
    <message>
        <source>wss: a PEM file trusted beside the system&apos;s CAs</source>
        <translation>用于 wss:// 上游：除系统 CA 之外另行信任的 PEM 文件</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Do not check the upstream&apos;s certificate (&amp;insecure)</source>
        <translation>不检查上游的证书（不安全）(&amp;I)</translation>
    </message>
    <message>
        <source>⚠ Anyone between wslab and the upstream could read and change the traffic. The toolbar says so while it runs.</source>
        <translation>⚠ 位于 wslab 和上游之间的任何人都能读取并篡改流量。运行期间工具栏会一直提示这一点。</translation>
    </message>
    <message>
        <source>The browser side stays plain ws:// on loopback: wslab does not intercept the browser&apos;s TLS.</source>
        <translation>浏览器一侧仍是本机回环上的普通 ws://：wslab 不拦截浏览器的 TLS。</translation>
    </message>
    <message>
        <source>Client of a server</source>
        <translation>服务器的客户端</translation>
    </message>
    <message>
        <source>In&amp;tercept: frames can be held, edited, dropped and injected</source>
        <translation>拦截(&amp;T)：可以扣留、编辑、丢弃和注入帧</translation>
    </message>
    <message>
        <source>Needed by Hold and the Intercept pane. It changes the handshake: wslab asks both ends for permessage-deflate without context takeover (no_context_takeover), so that every compressed message can be edited on its own; those rows are marked. Changing it restarts the proxy.</source>
        <translation>扣留和拦截面板需要它。它会改变握手：wslab 要求两端使用不带上下文接管（no_context_takeover）的 permessage-deflate，这样每条压缩的消息都能单独编辑；这些行会被标记。更改它会重启代理。</translation>
    </message>
    <message>
        <source>wslab is the client of your server, at the URL below (File ▸ New Client Connection chooses it too); the Chat and Composer panels talk to it.</source>
        <translation>wslab 是你的服务器的客户端，连接下面的 URL（“文件 ▸ 新建客户端连接”也可以选择它）；聊天和构造器面板与它对话。</translation>
    </message>
    <message>
        <source>none chosen yet</source>
        <translation>尚未选择</translation>
    </message>
    <message>
        <source>⚠ Client mode cannot use this: %1. Choose the server.</source>
        <translation>⚠ 客户端模式无法使用此设置：%1。请选择服务器。</translation>
    </message>
    <message>
        <source>Server URL:</source>
        <translation>服务器 URL：</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>选择(&amp;H)…</translation>
    </message>
    <message>
        <source>The server wslab connects to as a client, with its headers, subprotocols and TLS options: the New Client Connection dialog</source>
        <translation>wslab 作为客户端所连接的服务器，以及请求头、子协议和 TLS 选项：即“新建客户端连接”对话框</translation>
    </message>
</context>
<context>
    <name>wslab::app::StatusPanel</name>
    <message>
        <source>%1 frames/s, %2/s</source>
        <translation>%1 帧/秒，%2/秒</translation>
    </message>
    <message>
        <source>The page the server serves. Click to copy the address.</source>
        <translation>服务器提供的页面。点击复制地址。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Not listening</source>
        <translation>未在监听</translation>
    </message>
    <message>
        <source>Captured frames and bytes per second, both directions</source>
        <translation>每秒捕获的帧数和字节数，双向合计</translation>
    </message>
    <message>
        <source>Capture paused</source>
        <translation>捕获已暂停</translation>
    </message>
    <message>
        <source>Capturing</source>
        <translation>正在捕获</translation>
    </message>
    <message>
        <source>1 client</source>
        <translation>1 个客户端</translation>
    </message>
    <message>
        <source>%1 clients</source>
        <translation>%1 个客户端</translation>
    </message>
    <message>
        <source>holding incoming frames: %1 held</source>
        <translation>正在扣留传入帧：已扣留 %1 帧</translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation>%1 B</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <comment>proxy: listening URL → upstream URL</comment>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>已连接到 %1</translation>
    </message>
    <message>
        <source>Closed with %1: %2</source>
        <translation>已关闭，代码 %1：%2</translation>
    </message>
    <message>
        <source>Closed without a close code: %1</source>
        <translation>已关闭，没有关闭代码：%1</translation>
    </message>
    <message>
        <source>Open your app through wslab at %1: wslab relays it to %2. Click to copy the address.</source>
        <translation>通过 wslab 在 %1 打开你的应用：wslab 把它转发到 %2。点击复制地址。</translation>
    </message>
    <message>
        <source>⚠ The upstream&apos;s certificate is not checked (insecure).</source>
        <translation>⚠ 不检查上游的证书（不安全）。</translation>
    </message>
    <message>
        <source>The server wslab is a client of. Click to copy its address.</source>
        <translation>wslab 作为客户端连接的服务器。点击复制它的地址。</translation>
    </message>
</context>
<context>
    <name>wslab::app::TransportChart</name>
    <message>
        <source>Bar length: share of the largest value of each metric</source>
        <translation>条形长度：该指标中占最大值的比例</translation>
    </message>
    <message>
        <source>No comparison yet: run the demo to measure the three transports.</source>
        <translation>尚无对比：运行演示来测量三种传输方式。</translation>
    </message>
</context>
<context>
    <name>wslab::app::TransportChartLayout</name>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
</context>
<context>
    <name>wslab::app::TransportPanel</name>
    <message>
        <source>Clients</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>Chat members using this transport now</source>
        <translation>当前使用此传输方式的聊天成员</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>HTTP requests for polling and long polling; data frames received for WebSocket, which needs no request after its one upgrade</source>
        <translation>轮询和长轮询是 HTTP 请求数；WebSocket 是收到的数据帧数，它在一次升级之后就不再需要请求</translation>
    </message>
    <message>
        <source>Wasted requests</source>
        <translation>浪费的请求</translation>
    </message>
    <message>
        <source>Poll answers that carried no message: a round trip for nothing</source>
        <translation>没有带回任何消息的轮询应答：白跑一趟</translation>
    </message>
    <message>
        <source>Header bytes</source>
        <translation>头部字节</translation>
    </message>
    <message>
        <source>HTTP request and response heads, or WebSocket frame headers, both directions</source>
        <translation>HTTP 请求头和响应头，或 WebSocket 帧头，双向合计</translation>
    </message>
    <message>
        <source>Payload bytes</source>
        <translation>载荷字节</translation>
    </message>
    <message>
        <source>HTTP bodies, or WebSocket frame payloads, both directions</source>
        <translation>HTTP 正文，或 WebSocket 帧载荷，双向合计</translation>
    </message>
    <message>
        <source>Header share</source>
        <translation>头部占比</translation>
    </message>
    <message>
        <source>Header bytes as a share of all bytes on the wire</source>
        <translation>头部字节占线路上全部字节的比例</translation>
    </message>
    <message>
        <source>Messages delivered</source>
        <translation>已送达消息</translation>
    </message>
    <message>
        <source>Latency, median</source>
        <translation>延迟，中位数</translation>
    </message>
    <message>
        <source>From the message entering the chat room to the page receiving it, as the pages report it</source>
        <translation>从消息进入聊天室到页面收到它的时间，由页面报告</translation>
    </message>
    <message>
        <source>Latency, 95th percentile</source>
        <translation>延迟，第 95 百分位</translation>
    </message>
    <message>
        <source>95 % of the deliveries were at least this fast</source>
        <translation>95% 的投递至少这么快</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Compare in an auto demo…</source>
        <translation>在自动演示中对比…</translation>
    </message>
    <message>
        <source>Run the same conversation through the three transports and chart the cost</source>
        <translation>让同一段对话分别经过三种传输方式，并用图表比较代价</translation>
    </message>
    <message>
        <source>Chat entries handed to clients as they were said</source>
        <translation>聊天消息发出时即送达客户端的条数</translation>
    </message>
    <message>
        <source>History replayed</source>
        <translation>历史回放</translation>
    </message>
    <message>
        <source>Earlier chat entries sent to clients when they join (a WebSocket newcomer&apos;s replay, a poll&apos;s catch-up after switching): messages and their bytes, kept out of the rows above so that one catch-up does not hide what the transport costs as it goes</source>
        <translation>客户端加入时补发给它的早先聊天消息（WebSocket 新连接的回放、切换传输方式后轮询的补齐）：条数和字节数。它们不计入上面各行，免得一次补齐掩盖了传输方式在持续通信中的开销</translation>
    </message>
    <message>
        <source>Counted by the server for every client, the browser pages included; the auto demo&apos;s clients are measured in its own window. Requests for WebSocket are the frames it received; wasted requests are poll answers without a message.</source>
        <translation>由服务器为每个客户端统计，包括浏览器页面；自动演示的客户端在演示窗口中单独测量。WebSocket 的请求数是它收到的帧数；浪费的请求是没有带回消息的轮询应答。</translation>
    </message>
</context>
<context>
    <name>wslab::app::TransportStyle</name>
    <message>
        <source>WebSocket</source>
        <translation>WebSocket</translation>
    </message>
    <message>
        <source>Long polling</source>
        <translation>长轮询</translation>
    </message>
    <message>
        <source>Polling</source>
        <translation>轮询</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
</context>
<context>
    <name>wslab::app::WebSocketDemoReceiver</name>
    <message>
        <source>WebSocket: %1</source>
        <translation>WebSocket：%1</translation>
    </message>
    <message>
        <source>WebSocket: the server closed the connection (%1)</source>
        <translation>WebSocket：服务器关闭了连接（%1）</translation>
    </message>
</context>
<context>
    <name>wslab::app::WelcomeDialog</name>
    <message>
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <source>Welcome to WebSocket Lab</source>
        <translation>欢迎使用 WebSocket Lab</translation>
    </message>
    <message>
        <source>the page</source>
        <translation>页面</translation>
    </message>
    <message>
        <source>Open in browser</source>
        <translation>在浏览器中打开</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>&lt;p&gt;This app runs a small chat server and shows every byte that crosses the wire.&lt;/p&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;Open the page in your browser&lt;/b&gt;: %1&lt;/li&gt;&lt;li&gt;&lt;b&gt;Send a message&lt;/b&gt; from the page.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Watch the frame arrive&lt;/b&gt; in the frames table; click it to see its bits, its bytes and the XOR that unmasks it back to your text (compression stays off until you switch it on in the toolbar).&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;Answer from the Chat pane on the right, or craft frames of your own, valid or not, in the Composer.&lt;/p&gt;</source>
        <translation>&lt;p&gt;这个应用运行一个小型聊天服务器，并展示线路上经过的每个字节。&lt;/p&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;在浏览器中打开页面&lt;/b&gt;：%1&lt;/li&gt;&lt;li&gt;在页面上&lt;b&gt;发送一条消息&lt;/b&gt;。&lt;/li&gt;&lt;li&gt;在帧表中&lt;b&gt;观察帧的到达&lt;/b&gt;；点击它，查看它的各个位、各个字节，以及去掉掩码、还原出你输入的文本的异或运算（在工具栏中打开压缩之前，压缩一直是关闭的）。&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;你可以在右侧的聊天面板中回复，也可以在构造器中自己构造帧，有效的或无效的都行。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;New to WebSocket? The &lt;b&gt;Lessons&lt;/b&gt; tab leads you through RFC 6455 step by step and ticks each task when the capture shows you did it.&lt;/p&gt;</source>
        <translation>&lt;p&gt;初次接触 WebSocket？&lt;b&gt;课程&lt;/b&gt;标签页会带你一步步读懂 RFC 6455，并在捕获到你完成的操作时为每项任务打勾。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Start the Lessons</source>
        <translation>开始课程</translation>
    </message>
    <message>
        <source>your server</source>
        <translation>你的服务器</translation>
    </message>
    <message>
        <source>&lt;p&gt;wslab runs as a proxy in front of %2: it relays every connection byte for byte and shows every frame of both ends.&lt;/p&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;Open your app through wslab&lt;/b&gt;: %1 (instead of its own address).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Use your app&lt;/b&gt; as usual.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Watch the frames of both ends&lt;/b&gt; in the frames table: your browser&apos;s, masked, and your server&apos;s; click one to see its bits, its bytes and what they mean.&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;Hold, edit, drop or inject frames in the Intercept pane.&lt;/p&gt;</source>
        <translation>&lt;p&gt;wslab 作为 %2 前面的代理运行：它逐字节转发每个连接，并显示两端的每一帧。&lt;/p&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;通过 wslab 打开你的应用&lt;/b&gt;：%1（而不是它自己的地址）。&lt;/li&gt;&lt;li&gt;像平常一样&lt;b&gt;使用你的应用&lt;/b&gt;。&lt;/li&gt;&lt;li&gt;在帧表格中&lt;b&gt;观察两端的帧&lt;/b&gt;：你的浏览器发出的（加了掩码）和你的服务器发出的；点击一帧，查看它的位、字节及其含义。&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;在“拦截”面板中可以暂扣、编辑、丢弃或注入帧。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;wslab is a client of %1: it connects as a browser would and shows every byte both ends send.&lt;/p&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;Send a message&lt;/b&gt; to %1 from the Chat pane on the right: text, binary, large or fragmented, a ping or a close.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Craft frames&lt;/b&gt; in the Composer, valid or broken on purpose, and see whether the server reacts as RFC 6455 requires.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Watch the frames&lt;/b&gt; in the frames table; click one to see its bits and bytes.&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;File ▸ New Client Connection connects to another server.&lt;/p&gt;</source>
        <translation>&lt;p&gt;wslab 是 %1 的客户端：它像浏览器一样连接，并显示两端发送的每个字节。&lt;/p&gt;&lt;ol&gt;&lt;li&gt;从右侧的聊天面板向 %1 &lt;b&gt;发送消息&lt;/b&gt;：文本、二进制、大消息或分片消息，ping 或关闭。&lt;/li&gt;&lt;li&gt;在构造器中&lt;b&gt;构造帧&lt;/b&gt;，合法的或故意出错的，看服务器的反应是否符合 RFC 6455 的要求。&lt;/li&gt;&lt;li&gt;在帧表格中&lt;b&gt;观察帧&lt;/b&gt;；点击一帧，查看它的位和字节。&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;“文件 ▸ 新建客户端连接”可连接到另一个服务器。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>wslab::capture::CaptureFileError</name>
    <message>
        <source>The file cannot be opened</source>
        <translation>无法打开该文件</translation>
    </message>
    <message>
        <source>The file is empty</source>
        <translation>文件为空</translation>
    </message>
    <message>
        <source>Not a pcap or pcapng capture file</source>
        <translation>不是 pcap 或 pcapng 抓包文件</translation>
    </message>
    <message>
        <source>The file is truncated</source>
        <translation>文件被截断</translation>
    </message>
    <message>
        <source>The file is corrupt</source>
        <translation>文件已损坏</translation>
    </message>
</context>
<context>
    <name>wslab::capture::HarError</name>
    <message>
        <source>Not JSON (RFC 8259)</source>
        <translation>不是 JSON（RFC 8259）</translation>
    </message>
    <message>
        <source>JSON without log.entries: not a HAR file</source>
        <translation>JSON 中没有 log.entries：不是 HAR 文件</translation>
    </message>
    <message>
        <source>A HAR entry without a request and a response</source>
        <translation>HAR 条目缺少请求和响应</translation>
    </message>
</context>
<context>
    <name>wslab::capture::HarReader</name>
    <message>
        <source>browser (HAR: no client address)</source>
        <translation>浏览器（HAR：没有客户端地址）</translation>
    </message>
</context>
<context>
    <name>wslab::capture::PacketError</name>
    <message>
        <source>Link-layer header type not supported</source>
        <translation>不支持的链路层头部类型</translation>
    </message>
    <message>
        <source>Packet ends inside its link-layer header</source>
        <translation>数据包在链路层头部内部就结束了</translation>
    </message>
    <message>
        <source>Not an IPv4 or IPv6 packet</source>
        <translation>不是 IPv4 或 IPv6 数据包</translation>
    </message>
    <message>
        <source>Packet ends inside its IP header</source>
        <translation>数据包在 IP 头部内部就结束了</translation>
    </message>
    <message>
        <source>IP version does not match the link layer&apos;s protocol</source>
        <translation>IP 版本与链路层标明的协议不符</translation>
    </message>
    <message>
        <source>IPv4 header length below 20 bytes</source>
        <translation>IPv4 头部长度小于 20 字节</translation>
    </message>
    <message>
        <source>IP length field shorter than the headers it counts</source>
        <translation>IP 长度字段小于其所包含的头部长度</translation>
    </message>
    <message>
        <source>IPv4 fragment (fragments are not reassembled)</source>
        <translation>IPv4 分片（不重组分片）</translation>
    </message>
    <message>
        <source>IPv6 fragment (fragments are not reassembled)</source>
        <translation>IPv6 分片（不重组分片）</translation>
    </message>
    <message>
        <source>IPv6 extension header cut short, or too many of them</source>
        <translation>IPv6 扩展头部被截断，或数量过多</translation>
    </message>
    <message>
        <source>IP packet that does not carry TCP</source>
        <translation>IP 数据包承载的不是 TCP</translation>
    </message>
    <message>
        <source>Packet ends inside its TCP header</source>
        <translation>数据包在 TCP 头部内部就结束了</translation>
    </message>
    <message>
        <source>TCP header length below 20 bytes or beyond the segment</source>
        <translation>TCP 头部长度小于 20 字节或超出报文段</translation>
    </message>
</context>
<context>
    <name>wslab::capture::StreamError</name>
    <message>
        <source>Bytes of this direction were not captured; the rest of it cannot be decoded</source>
        <translation>这个方向有字节未被抓到，其余部分无法解码</translation>
    </message>
    <message>
        <source>Not an HTTP/1.x message head (RFC 9112)</source>
        <translation>不是 HTTP/1.x 消息头（RFC 9112）</translation>
    </message>
    <message>
        <source>A chunked body that breaks RFC 9112 §7.1</source>
        <translation>分块传输的消息体违反 RFC 9112 §7.1</translation>
    </message>
    <message>
        <source>The 101 response breaks RFC 6455 §4.1: a browser fails the connection</source>
        <translation>101 响应违反 RFC 6455 §4.1：浏览器会使连接失败</translation>
    </message>
    <message>
        <source>The permessage-deflate agreement in the 101 response cannot be read (RFC 7692 §7.1)</source>
        <translation>无法读取 101 响应中的 permessage-deflate 协商结果（RFC 7692 §7.1）</translation>
    </message>
    <message>
        <source>Bytes after a broken rule: counted, not decoded</source>
        <translation>违反规则之后的字节：只计数，不解码</translation>
    </message>
    <message>
        <source>A compressed message could not be inflated (RFC 7692 §7.2.2)</source>
        <translation>压缩的消息无法解压（RFC 7692 §7.2.2）</translation>
    </message>
</context>
<context>
    <name>wslab::client::BrokenFrames</name>
    <message>
        <source>Unmasked text frame</source>
        <translation>未加掩码的文本帧</translation>
    </message>
    <message>
        <source>Reserved opcode 0x3</source>
        <translation>保留操作码 0x3</translation>
    </message>
    <message>
        <source>RSV2 set</source>
        <translation>RSV2 置位</translation>
    </message>
    <message>
        <source>Text that is not UTF-8</source>
        <translation>不是 UTF-8 的文本</translation>
    </message>
    <message>
        <source>Ping with FIN = 0</source>
        <translation>FIN = 0 的 ping</translation>
    </message>
    <message>
        <source>Ping of 126 bytes</source>
        <translation>126 字节的 ping</translation>
    </message>
    <message>
        <source>5 bytes in the 16-bit length form</source>
        <translation>用 16 位长度形式写的 5 字节</translation>
    </message>
    <message>
        <source>Close with code 1005</source>
        <translation>关闭码为 1005 的关闭帧</translation>
    </message>
    <message>
        <source>RFC 6455 §5.1: a server MUST close the connection on an unmasked frame (1002).</source>
        <translation>RFC 6455 §5.1：服务器收到未加掩码的帧时必须关闭连接（1002）。</translation>
    </message>
    <message>
        <source>RFC 6455 §5.2: an unknown opcode MUST fail the connection (1002).</source>
        <translation>RFC 6455 §5.2：未知的操作码必须使连接失败（1002）。</translation>
    </message>
    <message>
        <source>RFC 6455 §5.2: a reserved bit no extension defines MUST fail the connection (1002).</source>
        <translation>RFC 6455 §5.2：没有扩展定义的保留位必须使连接失败（1002）。</translation>
    </message>
    <message>
        <source>RFC 6455 §8.1: text that is not UTF-8 MUST fail the connection (1007).</source>
        <translation>RFC 6455 §8.1：不是 UTF-8 的文本必须使连接失败（1007）。</translation>
    </message>
    <message>
        <source>RFC 6455 §5.5: control frames MUST NOT be fragmented; the server fails the connection (1002).</source>
        <translation>RFC 6455 §5.5：控制帧不得分片；服务器应使连接失败（1002）。</translation>
    </message>
    <message>
        <source>RFC 6455 §5.5: control frames carry at most 125 bytes; the server fails the connection (1002).</source>
        <translation>RFC 6455 §5.5：控制帧最多携带 125 字节；服务器应使连接失败（1002）。</translation>
    </message>
    <message>
        <source>RFC 6455 §5.2: the minimal length form MUST be used; a strict server fails the connection (1002).</source>
        <translation>RFC 6455 §5.2：必须使用最短的长度形式；严格的服务器会使连接失败（1002）。</translation>
    </message>
    <message>
        <source>RFC 6455 §7.4.1: 1005 MUST NOT be set in a close frame; the server fails the connection (1002).</source>
        <translation>RFC 6455 §7.4.1：关闭帧中不得使用 1005；服务器应使连接失败（1002）。</translation>
    </message>
    <message>
        <source>met: the server failed the connection with the right code</source>
        <translation>符合：服务器以正确的关闭码使连接失败</translation>
    </message>
    <message>
        <source>partly: the server closed, but with another code</source>
        <translation>部分符合：服务器关闭了连接，但用的是别的关闭码</translation>
    </message>
    <message>
        <source>partly: the server dropped TCP without a close frame (§7.1.7 says it SHOULD send one)</source>
        <translation>部分符合：服务器没发关闭帧就断开了 TCP（§7.1.7 要求它应当先发送关闭帧）</translation>
    </message>
    <message>
        <source>not met: the server did not fail the connection</source>
        <translation>不符合：服务器没有使连接失败</translation>
    </message>
</context>
<context>
    <name>wslab::client::ClientFailure</name>
    <message>
        <source>the server refused the connection</source>
        <translation>服务器拒绝了连接</translation>
    </message>
    <message>
        <source>the server&apos;s host name was not found</source>
        <translation>找不到服务器的主机名</translation>
    </message>
    <message>
        <source>the server did not complete the handshake in time</source>
        <translation>服务器没有及时完成握手</translation>
    </message>
    <message>
        <source>the TLS handshake with the server failed</source>
        <translation>与服务器的 TLS 握手失败</translation>
    </message>
    <message>
        <source>the server&apos;s answer is not an HTTP response</source>
        <translation>服务器的应答不是 HTTP 响应</translation>
    </message>
    <message>
        <source>the server&apos;s answer fails the opening handshake (RFC 6455 §4.1)</source>
        <translation>服务器的应答不符合开始握手的要求（RFC 6455 §4.1）</translation>
    </message>
    <message>
        <source>the server broke the protocol</source>
        <translation>服务器违反了协议</translation>
    </message>
    <message>
        <source>the server closed the connection</source>
        <translation>服务器关闭了连接</translation>
    </message>
    <message>
        <source>the server did not answer the close in time</source>
        <translation>服务器没有及时应答关闭</translation>
    </message>
    <message>
        <source>the connection ended without a closing handshake (1006)</source>
        <translation>连接在没有关闭握手的情况下结束（1006）</translation>
    </message>
    <message>
        <source>the server could not be reached</source>
        <translation>无法连到服务器</translation>
    </message>
</context>
<context>
    <name>wslab::client::ReplayPlanError</name>
    <message>
        <source>no record of this connection was captured</source>
        <translation>没有抓到这个连接的任何记录</translation>
    </message>
    <message>
        <source>its upgrade request was not captured, so its opening handshake is unknown</source>
        <translation>没有抓到它的升级请求，因此不知道它的开始握手</translation>
    </message>
    <message>
        <source>the server never answered 101 Switching Protocols: there are no frames to replay</source>
        <translation>服务器从未回答 101 Switching Protocols：没有可重放的帧</translation>
    </message>
    <message>
        <source>the selection holds no frame the client sent</source>
        <translation>所选内容中没有客户端发送的帧</translation>
    </message>
    <message>
        <source>a frame&apos;s payload was cut to the capture&apos;s size limit, so its bytes are not known</source>
        <translation>有一帧的载荷被截断到抓包的大小上限，因此不知道它的字节</translation>
    </message>
    <message>
        <source>a compressed message must be compressed anew, but its inflated form was not captured whole</source>
        <translation>有一条压缩消息必须重新压缩，但没有完整抓到它解压后的内容</translation>
    </message>
    <message>
        <source>a frame of a compressed message that must be compressed anew was selected without the rest of its message</source>
        <translation>选中了一条必须重新压缩的压缩消息中的一帧，却没有选中该消息的其余部分</translation>
    </message>
</context>
<context>
    <name>wslab::client::ServerUrlError</name>
    <message>
        <source>not a URL of the form ws://host:port/path</source>
        <translation>不是 ws://host:port/path 形式的 URL</translation>
    </message>
    <message>
        <source>the scheme must be ws:// or wss://</source>
        <translation>协议必须是 ws:// 或 wss://</translation>
    </message>
    <message>
        <source>the URL names no host</source>
        <translation>URL 中没有主机</translation>
    </message>
    <message>
        <source>a WebSocket URL carries no user name or password</source>
        <translation>WebSocket URL 不能带用户名或密码</translation>
    </message>
    <message>
        <source>a WebSocket URL has no #fragment</source>
        <translation>WebSocket URL 不能带 #片段</translation>
    </message>
</context>
<context>
    <name>wslab::inspector::BitDiagramView</name>
    <message>
        <source>FIN</source>
        <translation>FIN</translation>
    </message>
    <message>
        <source>F</source>
        <translation>F</translation>
    </message>
    <message>
        <source>RSV1</source>
        <translation>RSV1</translation>
    </message>
    <message>
        <source>R1</source>
        <translation>R1</translation>
    </message>
    <message>
        <source>RSV2</source>
        <translation>RSV2</translation>
    </message>
    <message>
        <source>R2</source>
        <translation>R2</translation>
    </message>
    <message>
        <source>RSV3</source>
        <translation>RSV3</translation>
    </message>
    <message>
        <source>R3</source>
        <translation>R3</translation>
    </message>
    <message>
        <source>MASK</source>
        <translation>MASK</translation>
    </message>
    <message>
        <source>M</source>
        <translation>M</translation>
    </message>
    <message>
        <source>opcode %1 %2</source>
        <translation>操作码 %1 %2</translation>
    </message>
    <message>
        <source>opcode %1</source>
        <translation>操作码 %1</translation>
    </message>
    <message>
        <source>payload len = %1</source>
        <translation>载荷长度 = %1</translation>
    </message>
    <message>
        <source>len %1</source>
        <translation>长度 %1</translation>
    </message>
    <message>
        <source>extended payload length = %1</source>
        <translation>扩展载荷长度 = %1</translation>
    </message>
    <message>
        <source>ext. length %1</source>
        <translation>扩展长度 %1</translation>
    </message>
    <message>
        <source>masking key %1</source>
        <translation>掩码键 %1</translation>
    </message>
    <message>
        <source>key %1</source>
        <translation>掩码键 %1</translation>
    </message>
    <message>
        <source>key</source>
        <translation>掩码键</translation>
    </message>
    <message>
        <source>payload data (masked) …</source>
        <translation>载荷数据（已掩码）…</translation>
    </message>
    <message>
        <source>payload data …</source>
        <translation>载荷数据 …</translation>
    </message>
    <message>
        <source>payload</source>
        <translation>载荷</translation>
    </message>
    <message>
        <source>data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Select a frame to see its header bit by bit.</source>
        <translation>选择一个帧，逐位查看它的帧头。</translation>
    </message>
    <message>
        <source>(cont.)</source>
        <translation>（续）</translation>
    </message>
    <message>
        <source>len ≤ 125: payload len is the length itself (7-bit form)</source>
        <translation>len ≤ 125：载荷长度字段就是长度本身（7 位形式）</translation>
    </message>
    <message>
        <source>126 → next 16 bits: the length is in the next 16 bits (up to 65535)</source>
        <translation>126 → 后面 16 位：长度在接下来的 16 位中（最大 65535）</translation>
    </message>
    <message>
        <source>127 → next 64 bits: the length is in the next 64 bits</source>
        <translation>127 → 后面 64 位：长度在接下来的 64 位中</translation>
    </message>
    <message>
        <source>len ≤ 125</source>
        <translation>len ≤ 125</translation>
    </message>
    <message>
        <source>126 → next 16 bits</source>
        <translation>126 → 后面 16 位</translation>
    </message>
    <message>
        <source>127 → next 64 bits</source>
        <translation>127 → 后面 64 位</translation>
    </message>
</context>
<context>
    <name>wslab::inspector::DeflatePreview</name>
    <message>
        <source>%1 (%2 B, deflated)</source>
        <translation>%1（%2 字节，已压缩）</translation>
    </message>
    <message>
        <source>%1 (%2 B, deflated to %3 B)</source>
        <translation>%1（%2 字节，压缩为 %3 字节）</translation>
    </message>
    <message>
        <source>compressed message, %1 B deflated</source>
        <translation>压缩消息，%1 字节 DEFLATE 数据</translation>
    </message>
    <message>
        <source>compressed fragment, %1 B deflated</source>
        <translation>压缩分片，%1 字节 DEFLATE 数据</translation>
    </message>
    <message>
        <source>RSV1 = 1: this message is compressed with permessage-deflate (RFC 7692 §6).</source>
        <translation>RSV1 = 1：此消息使用 permessage-deflate 压缩（RFC 7692 §6）。</translation>
    </message>
    <message>
        <source>This frame continues a message compressed with permessage-deflate; RSV1 is set on the first frame only (RFC 7692 §6).</source>
        <translation>此帧延续一条使用 permessage-deflate 压缩的消息；RSV1 只在第一帧上置位（RFC 7692 §6）。</translation>
    </message>
    <message>
        <source>On the wire the message is %1 bytes of DEFLATE data; inflated, it is the %2 bytes the application gets.</source>
        <translation>在线路上，该消息是 %1 字节的 DEFLATE 数据；解压后是应用程序收到的 %2 字节。</translation>
    </message>
    <message>
        <source>Inflated, the message is the %1 bytes the application gets.</source>
        <translation>解压后，该消息是应用程序收到的 %1 字节。</translation>
    </message>
    <message>
        <source>The payload is DEFLATE data: the receiver inflates the message as a whole, once its last frame has arrived (RFC 7692 §6.2).</source>
        <translation>载荷是 DEFLATE 数据：接收方在最后一帧到达后将整条消息一起解压（RFC 7692 §6.2）。</translation>
    </message>
    <message>
        <source>The sender removed the 4 bytes 00 00 FF FF that end every flushed DEFLATE block; the receiver appends them again before inflating (RFC 7692 §7.2.1).</source>
        <translation>发送方去掉了每个刷新后的 DEFLATE 块末尾的 4 个字节 00 00 FF FF；接收方在解压前把它们重新补上（RFC 7692 §7.2.1）。</translation>
    </message>
</context>
<context>
    <name>wslab::inspector::ExplainPanel</name>
    <message>
        <source>Select a frame: this panel tells, in order, what the parser read from its bytes.</source>
        <translation>选择一个帧：本面板会按顺序讲述解析器从它的字节中读到了什么。</translation>
    </message>
    <message>
        <source>The parser reads the header first, all of it before anything else (RFC 6455 §5.2):</source>
        <translation>解析器先读帧头，在读其他任何内容之前先把帧头完整读完（RFC 6455 §5.2）：</translation>
    </message>
    <message>
        <source>the browser</source>
        <translation>浏览器</translation>
    </message>
    <message>
        <source>the server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Frame #%1, sent by %2. The parser reads the header first, all of it before anything else (RFC 6455 §5.2):</source>
        <translation>第 %1 帧，由%2发送。解析器先读帧头，在读其他任何内容之前先把帧头完整读完（RFC 6455 §5.2）：</translation>
    </message>
    <message>
        <source>The parser stopped here: %1. The connection is failed with close code %2 (RFC 6455 §7.1.7).</source>
        <translation>解析器在这里停下：%1。连接以关闭码 %2 失败（RFC 6455 §7.1.7）。</translation>
    </message>
    <message>
        <source>An HTTP request from %1: %2. With &quot;Upgrade: websocket&quot; and &quot;Connection: Upgrade&quot; it asks to switch this TCP connection to WebSocket (RFC 6455 §4.1); the handshake view shows how the server derives its answer. Without them it is ordinary HTTP (the polling transports).</source>
        <translation>来自 %1 的 HTTP 请求：%2。带有“Upgrade: websocket”和“Connection: Upgrade”时，它请求把这条 TCP 连接切换为 WebSocket（RFC 6455 §4.1）；握手视图展示服务器如何推导出应答。没有这两个头时，它就是普通的 HTTP（轮询类传输方式）。</translation>
    </message>
    <message>
        <source>&quot;101 Switching Protocols&quot;: the server accepts the upgrade. From the next byte on, both sides speak WebSocket frames on this connection (RFC 6455 §4.2.2).</source>
        <translation>“101 Switching Protocols”：服务器接受升级。从下一个字节起，双方在这条连接上使用 WebSocket 帧通信（RFC 6455 §4.2.2）。</translation>
    </message>
    <message>
        <source>An HTTP response: %1.</source>
        <translation>HTTP 响应：%1。</translation>
    </message>
    <message>
        <source>A TCP connection was opened by %1. Everything else happens on top of it.</source>
        <translation>%1 打开了一条 TCP 连接。其他一切都建立在它之上。</translation>
    </message>
    <message>
        <source>A protocol error: %1. The server fails the connection with close code %2 (RFC 6455 §7.1.7).</source>
        <translation>协议错误：%1。服务器以关闭码 %2 使连接失败（RFC 6455 §7.1.7）。</translation>
    </message>
    <message>
        <source>A protocol error: %1</source>
        <translation>协议错误：%1</translation>
    </message>
    <message>
        <source>The capture missed %1 records here: they arrived faster than the window could take them, so wslab kept no records until it caught up, rather than use memory without bound. The traffic itself was not affected.</source>
        <translation>捕获在此处漏掉了 %1 条记录：它们到达的速度超过了窗口的处理能力，wslab 在窗口赶上之前不再保存记录，以免无限制地占用内存。通信本身没有受到影响。</translation>
    </message>
    <message>
        <source>A client&apos;s parser stops here: %1. A browser fails the connection: it sends a close frame with code %2 and closes the TCP connection (RFC 6455 §7.1.7). Its JavaScript onclose event is told 1006, not %2: the browser received no close frame, and 1006 is never sent on the wire (RFC 6455 §7.1.5, §7.4.1).</source>
        <translation>客户端的解析器在这里停下：%1。浏览器会使连接失败：发送一个关闭码为 %2 的关闭帧，然后关闭 TCP 连接（RFC 6455 §7.1.7）。它的 JavaScript onclose 事件得到的是 1006，而不是 %2：浏览器没有收到关闭帧，而 1006 从不在线路上发送（RFC 6455 §7.1.5、§7.4.1）。</translation>
    </message>
    <message>
        <source>A client sends %1 when it fails the connection because a frame from the server broke a rule (RFC 6455 §7.1.7), or to answer the server&apos;s own close frame with the same code. When a browser fails the connection, its JavaScript onclose event is told 1006, not %1: the browser closes the TCP connection without waiting for a close frame, and 1006 is never sent on the wire (RFC 6455 §7.1.5, §7.4.1).</source>
        <translation>客户端发送 %1，要么是因为服务器发来的帧违反了规则，它使连接失败（RFC 6455 §7.1.7），要么是用同样的关闭码应答服务器自己的关闭帧。浏览器使连接失败时，它的 JavaScript onclose 事件得到的是 1006，而不是 %1：浏览器不等关闭帧就关闭了 TCP 连接，而 1006 从不在线路上发送（RFC 6455 §7.1.5、§7.4.1）。</translation>
    </message>
    <message>
        <source>The TCP connection closed. It carried HTTP only — no WebSocket upgrade completed on it — so there is no WebSocket close code: HTTP ends a connection by closing TCP (RFC 9112 §9.6).</source>
        <translation>TCP 连接已关闭。它只传输了 HTTP——上面没有完成任何 WebSocket 升级——所以没有 WebSocket 关闭码：HTTP 通过关闭 TCP 来结束连接（RFC 9112 §9.6）。</translation>
    </message>
    <message>
        <source>The WebSocket connection dropped without a closing handshake: no close frame crossed the wire, so its close code is %1. 1006 is never sent on the wire; it tells the application that the connection closed abnormally (RFC 6455 §7.1.5, §7.4.1).</source>
        <translation>WebSocket 连接在没有关闭握手的情况下断开了：线路上没有出现关闭帧，所以它的关闭码是 %1。1006 从不在线路上发送；它告诉应用程序连接异常关闭了（RFC 6455 §7.1.5、§7.4.1）。</translation>
    </message>
    <message>
        <source>%1 sent a close frame, but no close frame came back before the TCP connection closed, so the close code is %2 (RFC 6455 §7.1.5). 1006 is never sent on the wire.</source>
        <translation>%1发送了关闭帧，但在 TCP 连接关闭之前没有收到回应的关闭帧，所以关闭码是 %2（RFC 6455 §7.1.5）。1006 从不在线路上发送。</translation>
    </message>
    <message>
        <source>The client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>The server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>The client failed the connection: its close frame carried %1 because a frame from the server broke a rule (RFC 6455 §7.1.7). A browser&apos;s JavaScript onclose event is told 1006 (Abnormal Closure), not %2: the browser closes the TCP connection without waiting for a close frame, and 1006 is never sent on the wire (RFC 6455 §7.1.5, §7.4.1).</source>
        <translation>客户端使连接失败：服务器发来的帧违反了规则，所以它的关闭帧携带 %1（RFC 6455 §7.1.7）。浏览器的 JavaScript onclose 事件得到的是 1006（异常关闭），而不是 %2：浏览器不等关闭帧就关闭了 TCP 连接，而 1006 从不在线路上发送（RFC 6455 §7.1.5、§7.4.1）。</translation>
    </message>
    <message>
        <source>The WebSocket connection closed after the closing handshake, started by %1: close code %2 (RFC 6455 §7.1.5).</source>
        <translation>WebSocket 连接在关闭握手之后关闭，关闭握手由%1发起：关闭码 %2（RFC 6455 §7.1.5）。</translation>
    </message>
    <message>
        <source>the client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>While reading this conversation from outside: %1 (%2).</source>
        <translation>从外部读取这段会话时：%1（%2）。</translation>
    </message>
    <message numerus="yes">
        <source>%n bytes of this direction were never captured here (a lost TCP segment, or a capture that cut packets short). Inside a frame&apos;s payload they read as zeros and decoding goes on with the next frame; anywhere else the rest of this direction cannot be placed, so it is not decoded.</source>
        <translation>
            <numerusform>这个方向有 %n 个字节没有被抓到（丢失了 TCP 分段，或者抓包截短了数据包）。如果它们位于帧的载荷之内，就按零读取，并从下一帧继续解码；如果在其他位置，这个方向的其余部分无法定位，因此不再解码。</numerusform>
        </translation>
    </message>
    <message>
        <source>wslab&apos;s server</source>
        <translation>wslab 的服务器</translation>
    </message>
    <message>
        <source>the browser (wslab relays it to the upstream)</source>
        <translation>浏览器（wslab 将其转发给上游）</translation>
    </message>
    <message>
        <source>the upstream server (wslab relays it to the browser)</source>
        <translation>上游服务器（wslab 将其转发给浏览器）</translation>
    </message>
    <message>
        <source>wslab (the client)</source>
        <translation>wslab（客户端）</translation>
    </message>
    <message>
        <source>A protocol error: %1. The end that reads it, %2, fails the connection with close code %3 (RFC 6455 §7.1.7).</source>
        <translation>协议错误：%1。读到它的一端（%2）以关闭代码 %3 使连接失败（RFC 6455 §7.1.7）。</translation>
    </message>
    <message>
        <source>wslab&apos;s parser, as the client, stops here: %1. A client fails the connection: it sends a close frame with code %2 and closes the TCP connection (RFC 6455 §7.1.7).</source>
        <translation>wslab 作为客户端，其解析器在此停止：%1。客户端使连接失败：发送代码为 %2 的关闭帧并关闭 TCP 连接（RFC 6455 §7.1.7）。</translation>
    </message>
</context>
<context>
    <name>wslab::inspector::FrameCaptureModel</name>
    <message>
        <source>[held] %1</source>
        <translation>[扣留] %1</translation>
    </message>
    <message>
        <source>%1 bytes on the wire</source>
        <translation>线路上 %1 字节</translation>
    </message>
    <message>
        <source>7-bit length: len ≤ 125 fits in the payload len field (RFC 6455 §5.2)</source>
        <translation>7 位长度：len ≤ 125，放得进载荷长度字段（RFC 6455 §5.2）</translation>
    </message>
    <message>
        <source>16-bit length: payload len = 126, the next 16 bits hold the length (RFC 6455 §5.2)</source>
        <translation>16 位长度：载荷长度字段 = 126，接下来的 16 位存放长度（RFC 6455 §5.2）</translation>
    </message>
    <message>
        <source>64-bit length: payload len = 127, the next 64 bits hold the length (RFC 6455 §5.2)</source>
        <translation>64 位长度：载荷长度字段 = 127，接下来的 64 位存放长度（RFC 6455 §5.2）</translation>
    </message>
    <message>
        <source>Held by step mode: captured, not yet delivered to the chat room</source>
        <translation>被单步模式扣留：已捕获，尚未投递到聊天室</translation>
    </message>
    <message>
        <source>Held by step mode, then delivered</source>
        <translation>被单步模式扣留，随后已放行</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Δ (ms)</source>
        <translation>Δ/毫秒</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>传输方式</translation>
    </message>
    <message>
        <source>FIN</source>
        <translation>FIN</translation>
    </message>
    <message>
        <source>RSV</source>
        <translation>RSV</translation>
    </message>
    <message>
        <source>Opcode</source>
        <translation>操作码</translation>
    </message>
    <message>
        <source>MASK</source>
        <translation>MASK</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>长度</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>C→S</source>
        <translation>C→S</translation>
    </message>
    <message>
        <source>S→C</source>
        <translation>S→C</translation>
    </message>
    <message>
        <source>WebSocket</source>
        <translation>WebSocket</translation>
    </message>
    <message>
        <source>Polling</source>
        <translation>轮询</translation>
    </message>
    <message>
        <source>Long polling</source>
        <translation>长轮询</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>TCP open</source>
        <translation>TCP 打开</translation>
    </message>
    <message>
        <source>HTTP request</source>
        <translation>HTTP 请求</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>frame</source>
        <translation>帧</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>已放行</translation>
    </message>
    <message>
        <source>protocol error</source>
        <translation>协议错误</translation>
    </message>
    <message>
        <source>TCP close</source>
        <translation>TCP 关闭</translation>
    </message>
    <message>
        <source>TCP connection opened by %1</source>
        <translation>%1 打开了 TCP 连接</translation>
    </message>
    <message>
        <source>TCP connection closed, close code %1 (%2)</source>
        <translation>TCP 连接已关闭，关闭码 %1（%2）</translation>
    </message>
    <message>
        <source>held frame #%1 delivered</source>
        <translation>扣留的帧 #%1 已放行</translation>
    </message>
    <message>
        <source>(truncated from %1 bytes)</source>
        <translation>（从 %1 字节截断）</translation>
    </message>
    <message>
        <source>capture gap</source>
        <translation>捕获缺口</translation>
    </message>
    <message>
        <source>%1 records not captured: the window fell behind the traffic</source>
        <translation>%1 条记录未被捕获：窗口跟不上流量</translation>
    </message>
    <message>
        <source>%1 ms since the first record</source>
        <translation>距第一条记录 %1 毫秒</translation>
    </message>
    <message>
        <source>%1 ms since the first record, %2 ms after the previous record</source>
        <translation>距第一条记录 %1 毫秒，距上一条记录 %2 毫秒</translation>
    </message>
    <message>
        <source>Milliseconds since the first record of the capture (Clear Capture starts again at 0)</source>
        <translation>距本次捕获第一条记录的毫秒数（清空捕获后从 0 重新开始）</translation>
    </message>
    <message>
        <source>Milliseconds since the row before</source>
        <translation>距上一行的毫秒数</translation>
    </message>
    <message>
        <source>Rows in capture order, from 1 (the page&apos;s /stats bookkeeping takes no number)</source>
        <translation>按捕获顺序从 1 开始编号的行（页面的 /stats 统计上报不占编号）</translation>
    </message>
    <message>
        <source>[page stats, not chat] %1 — the chat page reports its traffic and latencies for the Transports panel</source>
        <translation>[页面统计，非聊天] %1 —— 聊天页面为“传输方式”面板上报自己的流量和延迟</translation>
    </message>
    <message>
        <source>[page stats, not chat] %1 — the answer to the page&apos;s traffic report</source>
        <translation>[页面统计，非聊天] %1 —— 对页面流量上报的应答</translation>
    </message>
    <message>
        <source>Direction: C→S from the client to the server, S→C back</source>
        <translation>方向：C→S 从客户端到服务器，S→C 反之</translation>
    </message>
    <message>
        <source>Conn.</source>
        <comment>short for connection</comment>
        <translation>连接</translation>
    </message>
    <message>
        <source>Dir.</source>
        <comment>short for direction</comment>
        <translation>方向</translation>
    </message>
    <message>
        <source>bytes missing</source>
        <translation>字节缺失</translation>
    </message>
    <message>
        <source>TCP connection closed (HTTP, no close code)</source>
        <translation>TCP 连接已关闭（HTTP，没有关闭码）</translation>
    </message>
    <message numerus="yes">
        <source>%n bytes not captured</source>
        <translation>
            <numerusform>%n 个字节未被抓到</numerusform>
        </translation>
    </message>
    <message>
        <source>(message from a HAR file: frame reconstructed, not from the wire)</source>
        <translation>（来自 HAR 文件的消息：帧是重建的，并非线上原样）</translation>
    </message>
    <message>
        <source>Time (ms)</source>
        <comment>since the first record</comment>
        <translation>时间（毫秒）</translation>
    </message>
    <message>
        <source>Time (ms): milliseconds since the first record of this capture</source>
        <translation>时间（毫秒）：从本次捕获的第一条记录起经过的毫秒数</translation>
    </message>
    <message>
        <source>[edited]</source>
        <translation>[已编辑]</translation>
    </message>
    <message>
        <source>[dropped]</source>
        <translation>[已丢弃]</translation>
    </message>
    <message>
        <source>[injected]</source>
        <translation>[已注入]</translation>
    </message>
    <message>
        <source>Edited by you in the Intercept pane: the receiver got this frame in place of the sender&apos;s (the Original ↔ Forwarded tab shows both)</source>
        <translation>你在拦截面板中编辑过：接收方收到的是这一帧，而不是发送方的那一帧（“原始 ↔ 转发”标签页并排显示两者）</translation>
    </message>
    <message>
        <source>Dropped by you in the Intercept pane: the sender wrote it, the receiver never got it</source>
        <translation>你在拦截面板中丢弃了它：发送方写出了它，接收方从未收到</translation>
    </message>
    <message>
        <source>Injected by you in the Intercept pane: no sender wrote it</source>
        <translation>你在拦截面板中注入了它：没有发送方写出它</translation>
    </message>
</context>
<context>
    <name>wslab::inspector::FrameDetailPane</name>
    <message>
        <source>Next field</source>
        <translation>下一个字段</translation>
    </message>
    <message>
        <source>Previous field</source>
        <translation>上一个字段</translation>
    </message>
    <message>
        <source>Highlight the next field the parser reads (F8)</source>
        <translation>高亮解析器读取的下一个字段（F8）</translation>
    </message>
    <message>
        <source>Highlight the previous field (Shift+F8)</source>
        <translation>高亮上一个字段（Shift+F8）</translation>
    </message>
    <message>
        <source>Explain</source>
        <translation>讲解</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>载荷</translation>
    </message>
    <message>
        <source>Unmasking</source>
        <translation>去掩码</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Not part of a data message.</source>
        <translation>不属于数据消息。</translation>
    </message>
    <message>
        <source>A message in a single frame (FIN = 1): %1.</source>
        <translation>单帧消息（FIN = 1）：%1。</translation>
    </message>
    <message>
        <source>This message was sent in %1 fragments (RFC 6455 §5.4): %2.</source>
        <translation>这条消息分成 %1 个分片发送（RFC 6455 §5.4）：%2。</translation>
    </message>
    <message>
        <source>Some fragments are missing from the capture, so the message is incomplete.</source>
        <translation>捕获中缺少部分分片，所以消息不完整。</translation>
    </message>
    <message>
        <source>The message assembler rejects it: %1.</source>
        <translation>消息组装器拒绝了它：%1。</translation>
    </message>
    <message>
        <source>Press Next field to walk through the parse, one field at a time.</source>
        <translation>按“下一个字段”，一次一个字段地走一遍解析过程。</translation>
    </message>
    <message>
        <source>Step %1 of %2: %3</source>
        <translation>第 %1 步，共 %2 步：%3</translation>
    </message>
    <message>
        <source>It is compressed with permessage-deflate: its frames carry DEFLATE data, inflated as one message (RFC 7692 §6.2).</source>
        <translation>该消息使用 permessage-deflate 压缩：各帧携带 DEFLATE 数据，作为一条消息整体解压（RFC 7692 §6.2）。</translation>
    </message>
    <message>
        <source>Not a WebSocket frame, so there is no message to show.</source>
        <translation>这不是 WebSocket 帧，因此没有可显示的消息。</translation>
    </message>
    <message>
        <source>Original ↔ Forwarded</source>
        <translation>原始 ↔ 转发</translation>
    </message>
</context>
<context>
    <name>wslab::inspector::FrameNarrator</name>
    <message>
        <source>FIN</source>
        <translation>FIN</translation>
    </message>
    <message>
        <source>RSV1</source>
        <translation>RSV1</translation>
    </message>
    <message>
        <source>RSV2</source>
        <translation>RSV2</translation>
    </message>
    <message>
        <source>RSV3</source>
        <translation>RSV3</translation>
    </message>
    <message>
        <source>opcode</source>
        <translation>操作码</translation>
    </message>
    <message>
        <source>MASK</source>
        <translation>MASK</translation>
    </message>
    <message>
        <source>payload len</source>
        <translation>载荷长度</translation>
    </message>
    <message>
        <source>extended payload length (16 bits)</source>
        <translation>扩展载荷长度（16 位）</translation>
    </message>
    <message>
        <source>extended payload length (64 bits)</source>
        <translation>扩展载荷长度（64 位）</translation>
    </message>
    <message>
        <source>masking key</source>
        <translation>掩码键</translation>
    </message>
    <message>
        <source>payload</source>
        <translation>载荷</translation>
    </message>
    <message>
        <source>byte %1 = 0x%2 (%3)</source>
        <translation>字节 %1 = 0x%2（%3）</translation>
    </message>
    <message>
        <source>bytes %1-%2 = %3</source>
        <translation>字节 %1-%2 = %3</translation>
    </message>
    <message>
        <source>byte %1</source>
        <translation>字节 %1</translation>
    </message>
    <message>
        <source>bytes %1-%2</source>
        <translation>字节 %1-%2</translation>
    </message>
    <message>
        <source>continues a fragmented message (RFC 6455 §5.4)</source>
        <translation>延续一条分片消息（RFC 6455 §5.4）</translation>
    </message>
    <message>
        <source>a text frame: the payload is UTF-8 text (RFC 6455 §5.6)</source>
        <translation>文本帧：载荷是 UTF-8 文本（RFC 6455 §5.6）</translation>
    </message>
    <message>
        <source>a binary frame: the application decides what the bytes mean (RFC 6455 §5.6)</source>
        <translation>二进制帧：字节的含义由应用程序决定（RFC 6455 §5.6）</translation>
    </message>
    <message>
        <source>a close frame: starts or answers the closing handshake (RFC 6455 §5.5.1)</source>
        <translation>关闭帧：发起或应答关闭握手（RFC 6455 §5.5.1）</translation>
    </message>
    <message>
        <source>a ping: the other end must answer with a pong carrying the same payload (RFC 6455 §5.5.2)</source>
        <translation>ping：对端必须回一个携带相同载荷的 pong（RFC 6455 §5.5.2）</translation>
    </message>
    <message>
        <source>a pong: the answer to a ping, or an unsolicited heartbeat (RFC 6455 §5.5.3)</source>
        <translation>pong：对 ping 的应答，或主动发送的心跳（RFC 6455 §5.5.3）</translation>
    </message>
    <message>
        <source>a reserved control opcode: a receiver must fail the connection (RFC 6455 §5.2)</source>
        <translation>保留的控制操作码：接收方必须使连接失败（RFC 6455 §5.2）</translation>
    </message>
    <message>
        <source>a reserved data opcode: a receiver must fail the connection (RFC 6455 §5.2)</source>
        <translation>保留的数据操作码：接收方必须使连接失败（RFC 6455 §5.2）</translation>
    </message>
    <message>
        <source>FIN=1 (last fragment)</source>
        <translation>FIN=1（最后一个分片）</translation>
    </message>
    <message>
        <source>FIN=0 (more fragments follow)</source>
        <translation>FIN=0（后面还有分片）</translation>
    </message>
    <message>
        <source>FIN = 1: this frame ends its message; a message in one frame has FIN = 1 on that frame (RFC 6455 §5.2).</source>
        <translation>FIN = 1：这一帧结束它所属的消息；单帧消息的那一帧 FIN = 1（RFC 6455 §5.2）。</translation>
    </message>
    <message>
        <source>FIN = 0: the message continues in the next frames, the last of which has FIN = 1 (RFC 6455 §5.4).</source>
        <translation>FIN = 0：消息在后续帧中继续，其中最后一帧 FIN = 1（RFC 6455 §5.4）。</translation>
    </message>
    <message>
        <source>RSV=%1</source>
        <translation>RSV=%1</translation>
    </message>
    <message>
        <source>RSV1-3 = %1: a reserved bit is set. Only a negotiated extension may set one (RSV1 means &quot;compressed&quot; with permessage-deflate, RFC 7692); otherwise the receiver must fail the connection (RFC 6455 §5.2).</source>
        <translation>RSV1-3 = %1：设置了保留位。只有协商好的扩展才能设置保留位（使用 permessage-deflate 时 RSV1 表示“已压缩”，RFC 7692）；否则接收方必须使连接失败（RFC 6455 §5.2）。</translation>
    </message>
    <message>
        <source>RSV1-3 = 000: no extension uses these bits in this frame (RFC 6455 §5.2).</source>
        <translation>RSV1-3 = 000：这一帧没有扩展使用这些位（RFC 6455 §5.2）。</translation>
    </message>
    <message>
        <source>opcode=%1</source>
        <translation>操作码=%1</translation>
    </message>
    <message>
        <source>opcode = %1: %2.</source>
        <translation>操作码 = %1：%2。</translation>
    </message>
    <message>
        <source>MASK=1</source>
        <translation>MASK=1</translation>
    </message>
    <message>
        <source>MASK=0</source>
        <translation>MASK=0</translation>
    </message>
    <message>
        <source>MASK = 1: a 4-byte masking key follows the length and the payload is masked with it; every frame a client sends must be masked (RFC 6455 §5.1, §5.3).</source>
        <translation>MASK = 1：长度之后跟着 4 字节的掩码键，载荷用它加了掩码；客户端发送的每一帧都必须加掩码（RFC 6455 §5.1、§5.3）。</translation>
    </message>
    <message>
        <source>MASK = 0: no masking key, the payload is sent as it is; a server never masks its frames (RFC 6455 §5.1).</source>
        <translation>MASK = 0：没有掩码键，载荷按原样发送；服务器从不给自己的帧加掩码（RFC 6455 §5.1）。</translation>
    </message>
    <message>
        <source>length %1 (7-bit form)</source>
        <translation>长度 %1（7 位形式）</translation>
    </message>
    <message>
        <source>payload len = %1: a value of 0-125 is the payload length itself (len ≤ 125, the 7-bit form, RFC 6455 §5.2).</source>
        <translation>载荷长度 = %1：0-125 的值就是载荷长度本身（len ≤ 125，7 位形式，RFC 6455 §5.2）。</translation>
    </message>
    <message>
        <source>length 126 → next 16 bits</source>
        <translation>长度 126 → 后面 16 位</translation>
    </message>
    <message>
        <source>payload len = 126: the real length is in the next 16 bits (126 → next 16 bits, for 126-65535 bytes, RFC 6455 §5.2).</source>
        <translation>载荷长度 = 126：真正的长度在接下来的 16 位中（126 → 后面 16 位，用于 126-65535 字节，RFC 6455 §5.2）。</translation>
    </message>
    <message>
        <source>length 127 → next 64 bits</source>
        <translation>长度 127 → 后面 64 位</translation>
    </message>
    <message>
        <source>payload len = 127: the real length is in the next 64 bits (127 → next 64 bits, for more than 65535 bytes, RFC 6455 §5.2).</source>
        <translation>载荷长度 = 127：真正的长度在接下来的 64 位中（127 → 后面 64 位，用于超过 65535 字节，RFC 6455 §5.2）。</translation>
    </message>
    <message>
        <source>This is not the shortest form for this length: the RFC requires the minimal number of bytes, so a receiver fails the connection.</source>
        <translation>对于这个长度，这不是最短的形式：RFC 要求使用最少的字节数，所以接收方会使连接失败。</translation>
    </message>
    <message>
        <source>extended length %1</source>
        <translation>扩展长度 %1</translation>
    </message>
    <message>
        <source>extended payload length = %1: an unsigned 16-bit number in network byte order (big-endian) (RFC 6455 §5.2).</source>
        <translation>扩展载荷长度 = %1：一个按网络字节序（大端）存放的 16 位无符号数（RFC 6455 §5.2）。</translation>
    </message>
    <message>
        <source>extended payload length = %1: an unsigned 64-bit number in network byte order whose most significant bit must be 0 (RFC 6455 §5.2).</source>
        <translation>扩展载荷长度 = %1：一个按网络字节序存放的 64 位无符号数，其最高位必须为 0（RFC 6455 §5.2）。</translation>
    </message>
    <message>
        <source>masking key %1</source>
        <translation>掩码键 %1</translation>
    </message>
    <message>
        <source>masking key = %1: payload byte i is XORed with key byte i mod 4 to unmask it (RFC 6455 §5.3). The key is chosen at random for every frame so that a browser page cannot choose the bytes on the wire (§10.3).</source>
        <translation>掩码键 = %1：载荷的第 i 个字节与掩码键的第 i mod 4 个字节做异或，即可去掉掩码（RFC 6455 §5.3）。每一帧的掩码键都是随机选取的，这样浏览器中的页面就无法决定线路上出现的字节（§10.3）。</translation>
    </message>
    <message>
        <source>no payload bytes</source>
        <translation>没有载荷字节</translation>
    </message>
    <message>
        <source>empty payload</source>
        <translation>空载荷</translation>
    </message>
    <message>
        <source>The frame ends here: its payload is empty.</source>
        <translation>帧到此结束：它的载荷为空。</translation>
    </message>
    <message>
        <source>payload %1</source>
        <translation>载荷 %1</translation>
    </message>
    <message>
        <source>payload, %1 bytes, masked on the wire (%2); XOR with the key gives %3: %4 (RFC 6455 §5.3).</source>
        <translation>载荷，%1 字节，在线路上是加了掩码的（%2）；与掩码键异或后得到 %3：%4（RFC 6455 §5.3）。</translation>
    </message>
    <message>
        <source>payload, %1 bytes, as sent (no mask): %2.</source>
        <translation>载荷，%1 字节，按原样发送（无掩码）：%2。</translation>
    </message>
    <message>
        <source>Only the first %1 bytes were kept by the capture.</source>
        <translation>捕获只保留了前 %1 字节。</translation>
    </message>
    <message>
        <source>RSV1-3 = 100: RSV1 means &quot;compressed&quot; when permessage-deflate was negotiated in the handshake: this message is compressed with permessage-deflate, its payload is DEFLATE data the receiver inflates (RFC 7692 §6). Without a negotiated extension the receiver must fail the connection (RFC 6455 §5.2).</source>
        <translation>RSV1-3 = 100：握手中协商了 permessage-deflate 时，RSV1 表示“已压缩”：此消息使用 permessage-deflate 压缩，载荷是接收方要解压的 DEFLATE 数据（RFC 7692 §6）。若未协商扩展，接收方必须使连接失败（RFC 6455 §5.2）。</translation>
    </message>
    <message>
        <source>RSV=%1 (compressed)</source>
        <translation>RSV=%1（已压缩）</translation>
    </message>
    <message>
        <source>DEFLATE data %1</source>
        <translation>DEFLATE 数据 %1</translation>
    </message>
    <message>
        <source>MASK=1 (a server must not mask)</source>
        <translation>MASK=1（服务器不得加掩码）</translation>
    </message>
    <message>
        <source>MASK = 1 on a frame from the server: this breaks RFC 6455 §5.1, a server must not mask the frames it sends. A client that receives it fails the connection with close code 1002 (protocol error, §7.1.7); a browser&apos;s JavaScript then sees 1006.</source>
        <translation>服务器发来的帧 MASK = 1：这违反了 RFC 6455 §5.1，服务器不得给自己发送的帧加掩码。收到它的客户端会以关闭码 1002（协议错误，§7.1.7）使连接失败；随后浏览器的 JavaScript 看到的是 1006。</translation>
    </message>
    <message>
        <source>MASK=0 (a client must mask)</source>
        <translation>MASK=0（客户端必须加掩码）</translation>
    </message>
    <message>
        <source>MASK = 0 on a frame from the client: this breaks RFC 6455 §5.1, every frame a client sends must be masked. The server fails the connection with close code 1002 (protocol error, §7.1.7).</source>
        <translation>客户端发来的帧 MASK = 0：这违反了 RFC 6455 §5.1，客户端发送的每一帧都必须加掩码。服务器以关闭码 1002（协议错误，§7.1.7）使连接失败。</translation>
    </message>
</context>
<context>
    <name>wslab::inspector::HandshakeView</name>
    <message>
        <source>&lt;b&gt;Sec-WebSocket-Accept, step by step&lt;/b&gt; (RFC 6455 §4.2.2)</source>
        <translation>&lt;b&gt;逐步推导 Sec-WebSocket-Accept&lt;/b&gt;（RFC 6455 §4.2.2）</translation>
    </message>
    <message>
        <source>Select an HTTP upgrade request to see the opening handshake.</source>
        <translation>选择一个 HTTP 升级请求，查看开始握手。</translation>
    </message>
    <message>
        <source>✗ Not a valid upgrade request: %1 (%2) → HTTP %3</source>
        <translation>✗ 不是有效的升级请求：%1（%2）→ HTTP %3</translation>
    </message>
    <message>
        <source>✓ A valid WebSocket upgrade request (RFC 6455 §4.2.1).</source>
        <translation>✓ 有效的 WebSocket 升级请求（RFC 6455 §4.2.1）。</translation>
    </message>
    <message>
        <source>✗ Malformed HTTP request: %1</source>
        <translation>✗ 格式错误的 HTTP 请求：%1</translation>
    </message>
    <message>
        <source>(no response captured)</source>
        <translation>（未捕获到响应）</translation>
    </message>
    <message>
        <source>The request has no Sec-WebSocket-Key, so there is nothing to derive.</source>
        <translation>请求中没有 Sec-WebSocket-Key，所以无从推导。</translation>
    </message>
    <message>
        <source>1. Sec-WebSocket-Key (as sent)</source>
        <translation>1. Sec-WebSocket-Key（按发送的原样）</translation>
    </message>
    <message>
        <source>2. key + GUID %1</source>
        <translation>2. 密钥 + GUID %1</translation>
    </message>
    <message>
        <source>3. SHA-1 of that text (hex)</source>
        <translation>3. 对该文本做 SHA-1（十六进制）</translation>
    </message>
    <message>
        <source>4. base64 of the 20 SHA-1 bytes</source>
        <translation>4. 对 20 个 SHA-1 字节做 base64</translation>
    </message>
    <message>
        <source>5. Sec-WebSocket-Accept sent</source>
        <translation>5. 发送的 Sec-WebSocket-Accept</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Status 101 Switching Protocols</source>
        <translation>状态码 101 Switching Protocols</translation>
    </message>
    <message>
        <source>Upgrade: websocket</source>
        <translation>Upgrade: websocket</translation>
    </message>
    <message>
        <source>Connection: Upgrade</source>
        <translation>Connection: Upgrade</translation>
    </message>
    <message>
        <source>Sec-WebSocket-Accept = base64(SHA-1(key + GUID))</source>
        <translation>Sec-WebSocket-Accept = base64(SHA-1(密钥 + GUID))</translation>
    </message>
    <message>
        <source>✗ Malformed HTTP response: %1 (%2)</source>
        <translation>✗ 格式错误的 HTTP 响应：%1（%2）</translation>
    </message>
    <message>
        <source>✗ Incomplete HTTP response: no empty line ends its head.</source>
        <translation>✗ HTTP 响应不完整：没有空行来结束它的头部。</translation>
    </message>
    <message>
        <source>✗ %1: %2</source>
        <translation>✗ %1：%2</translation>
    </message>
    <message>
        <source>Connection #%1 has no WebSocket opening handshake in the capture: it carried plain HTTP (the page, its files, polling), or its handshake rows were dropped from the table. Select a row of a WebSocket connection to see its handshake.</source>
        <translation>捕获中没有连接 #%1 的 WebSocket 开始握手：它传输的是普通 HTTP（页面、页面的文件、轮询），或者它的握手行已经从表中移除。选择一个 WebSocket 连接的行，即可查看它的握手。</translation>
    </message>
    <message>
        <source>No opening handshake, so there is nothing to derive.</source>
        <translation>没有开始握手，所以没有什么可推导的。</translation>
    </message>
    <message>
        <source>✓ matches the key</source>
        <translation>✓ 一致</translation>
    </message>
    <message>
        <source>Only extensions the client offered</source>
        <translation>只含客户端提议过的扩展</translation>
    </message>
    <message>
        <source>Only a subprotocol the client offered</source>
        <translation>只含客户端提议过的子协议</translation>
    </message>
    <message>
        <source>TLS to the server: %1, %2, certificate verified</source>
        <translation>到服务器的 TLS：%1，%2，证书已验证</translation>
    </message>
    <message>
        <source>TLS to the server: %1, %2, certificate NOT verified (insecure)</source>
        <translation>到服务器的 TLS：%1，%2，证书未验证（不安全）</translation>
    </message>
    <message>
        <source>  certificate %1: %2, issued by %3</source>
        <translation>  证书 %1：%2，颁发者 %3</translation>
    </message>
    <message>
        <source>Between %1 (%2) and %3 (%4)</source>
        <translation>连接两端：%1（%2）与 %3（%4）</translation>
    </message>
    <message>
        <source>browser</source>
        <translation>浏览器</translation>
    </message>
    <message>
        <source>wslab</source>
        <translation>wslab</translation>
    </message>
    <message>
        <source>client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>upstream server</source>
        <translation>上游服务器</translation>
    </message>
    <message>
        <source>server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>&lt;b&gt;Response&lt;/b&gt; (%1 → %2)</source>
        <translation>&lt;b&gt;响应&lt;/b&gt;（%1 → %2）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Request&lt;/b&gt; (%1 → %2)</source>
        <translation>&lt;b&gt;请求&lt;/b&gt;（%1 → %2）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Request&lt;/b&gt; (%1 → %2), connection #%3</source>
        <translation>&lt;b&gt;请求&lt;/b&gt;（%1 → %2），连接 #%3</translation>
    </message>
    <message>
        <source>✓ The response completes the handshake: a client opens the connection (RFC 6455 §4.1).</source>
        <translation>✓ 该响应完成了握手：客户端会建立连接（RFC 6455 §4.1）。</translation>
    </message>
    <message>
        <source>✗ The response does not complete the handshake: a client fails the connection (RFC 6455 §4.1).</source>
        <translation>✗ 该响应没有完成握手：客户端会使连接失败（RFC 6455 §4.1）。</translation>
    </message>
    <message>
        <source>✗ differs: a client must fail the connection (RFC 6455 §4.1)</source>
        <translation>✗ 不一致：客户端必须使连接失败（RFC 6455 §4.1）</translation>
    </message>
    <message>
        <source>✓ matches: the client accepts the connection</source>
        <translation>✓ 一致：客户端接受这个连接</translation>
    </message>
    <message>
        <source>✓ matches the key, but the response fails another check (%1), so the client still fails the connection: it sends no frame (a browser reports the error to the page) (RFC 6455 §4.1)</source>
        <translation>✓ 一致，但响应没有通过另一项检查（%1），所以客户端仍然会使连接失败：它不发送任何帧（浏览器会把错误报告给页面）（RFC 6455 §4.1）</translation>
    </message>
</context>
<context>
    <name>wslab::inspector::HexView</name>
    <message>
        <source>byte %1 = 0x%2 = %3</source>
        <translation>字节 %1 = 0x%2 = %3</translation>
    </message>
</context>
<context>
    <name>wslab::inspector::InterventionView</name>
    <message>
        <source>The proxy forwarded this frame as it came.</source>
        <translation>代理原样转发了这一帧。</translation>
    </message>
    <message numerus="yes">
        <source>Edited by you: %n byte(s) differ (highlighted).</source>
        <translation>
            <numerusform>你编辑过：%n 个字节不同（已高亮）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Dropped by you: the receiver never got this frame.</source>
        <translation>你丢弃了它：接收方从未收到这一帧。</translation>
    </message>
    <message>
        <source>Injected by you: no sender wrote this frame.</source>
        <translation>你注入了它：没有发送方写出这一帧。</translation>
    </message>
    <message>
        <source>(none: the proxy made this frame up)</source>
        <translation>（无：这一帧由代理凭空生成）</translation>
    </message>
    <message>
        <source>(none: the frame was dropped)</source>
        <translation>（无：这一帧已被丢弃）</translation>
    </message>
    <message>
        <source>Original (from the sender)</source>
        <translation>原始（来自发送方）</translation>
    </message>
    <message>
        <source>Forwarded (to the receiver)</source>
        <translation>转发（发往接收方）</translation>
    </message>
</context>
<context>
    <name>wslab::inspector::PayloadPreview</name>
    <message>
        <source>close without a status code (reported as 1005)</source>
        <translation>不带状态码的关闭（报告为 1005）</translation>
    </message>
    <message>
        <source>close %1</source>
        <translation>关闭 %1</translation>
    </message>
    <message>
        <source>close %1, reason “%2”</source>
        <translation>关闭 %1，原因“%2”</translation>
    </message>
    <message>
        <source>%1 bytes: %2</source>
        <translation>%1 字节：%2</translation>
    </message>
    <message>
        <source>continuation: %1</source>
        <translation>延续：%1</translation>
    </message>
    <message>
        <source>ping</source>
        <translation>ping</translation>
    </message>
    <message>
        <source>pong</source>
        <translation>pong</translation>
    </message>
    <message>
        <source>%1, empty payload</source>
        <translation>%1，空载荷</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>reserved opcode 0x%1: %2</source>
        <translation>保留操作码 0x%1：%2</translation>
    </message>
    <message>
        <source>malformed request: %1</source>
        <translation>格式错误的请求：%1</translation>
    </message>
    <message>
        <source>(WebSocket upgrade)</source>
        <translation>（WebSocket 升级）</translation>
    </message>
</context>
<context>
    <name>wslab::inspector::PayloadView</name>
    <message>
        <source>On the wire (masked)</source>
        <translation>线路上（已掩码）</translation>
    </message>
    <message>
        <source>Unmasked (what the application gets)</source>
        <translation>去掩码后（应用程序得到的）</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <source>Masked | unmasked</source>
        <translation>掩码前后对照</translation>
    </message>
    <message>
        <source>… (showing the first %1 of %2 bytes)</source>
        <translation>…（只显示 %2 字节中的前 %1 字节）</translation>
    </message>
    <message>
        <source>(the capture kept the first %1)</source>
        <translation>（捕获保留了前 %1 字节）</translation>
    </message>
    <message>
        <source>valid UTF-8</source>
        <translation>有效的 UTF-8</translation>
    </message>
    <message>
        <source>not valid UTF-8 (RFC 6455 §8.1)</source>
        <translation>不是有效的 UTF-8（RFC 6455 §8.1）</translation>
    </message>
    <message>
        <source>Not masked: the bytes on the wire are the payload (RFC 6455 §5.1).</source>
        <translation>没有掩码：线路上的字节就是载荷（RFC 6455 §5.1）。</translation>
    </message>
    <message>
        <source>No frame selected.</source>
        <translation>未选择帧。</translation>
    </message>
    <message>
        <source>Inflated</source>
        <translation>解压后</translation>
    </message>
    <message>
        <source>The message after permessage-deflate decompression (RFC 7692), as the application gets it</source>
        <translation>经 permessage-deflate 解压后的消息（RFC 7692），即应用程序收到的内容</translation>
    </message>
    <message>
        <source>inflated: %1 bytes</source>
        <translation>解压后：%1 字节</translation>
    </message>
    <message>
        <source>compressed with permessage-deflate (RFC 7692)</source>
        <translation>使用 permessage-deflate 压缩（RFC 7692）</translation>
    </message>
    <message>
        <source>continuation frame</source>
        <translation>延续帧</translation>
    </message>
    <message>
        <source>text frame</source>
        <translation>文本帧</translation>
    </message>
    <message>
        <source>binary frame</source>
        <translation>二进制帧</translation>
    </message>
    <message>
        <source>close frame</source>
        <translation>关闭帧</translation>
    </message>
    <message>
        <source>ping frame</source>
        <translation>Ping 帧</translation>
    </message>
    <message>
        <source>pong frame</source>
        <translation>Pong 帧</translation>
    </message>
    <message>
        <source>frame with the reserved opcode 0x%1</source>
        <translation>保留操作码 0x%1 的帧</translation>
    </message>
    <message>
        <source>text message</source>
        <translation>文本消息</translation>
    </message>
    <message>
        <source>binary message</source>
        <translation>二进制消息</translation>
    </message>
    <message>
        <source>message with the opcode 0x%1</source>
        <translation>操作码为 0x%1 的消息</translation>
    </message>
    <message>
        <source>%1, %2 payload bytes</source>
        <translation>%1，%2 字节载荷</translation>
    </message>
    <message>
        <source>%1 in a single frame, %2 bytes</source>
        <translation>单帧%1，%2 字节</translation>
    </message>
    <message numerus="yes">
        <source>%1 reassembled from %n frames, %2 bytes (RFC 6455 §5.4)</source>
        <translation>
            <numerusform>由 %n 帧重新组装的%1，%2 字节（RFC 6455 §5.4）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wslab::inspector::TimelineView</name>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Δ time</source>
        <translation>Δ 时间</translation>
    </message>
    <message>
        <source>+%1 ms</source>
        <translation>+%1 毫秒</translation>
    </message>
</context>
<context>
    <name>wslab::inspector::UnmaskingModel</name>
    <message>
        <source>payload[%1] = wire[%1] XOR key[%1 mod 4] = %2 XOR %3 = %4 (RFC 6455 §5.3)</source>
        <translation>payload[%1] = wire[%1] XOR key[%1 mod 4] = %2 XOR %3 = %4（RFC 6455 §5.3）</translation>
    </message>
    <message>
        <source>Part of a multi-byte UTF-8 character, or binary data</source>
        <translation>多字节 UTF-8 字符的一部分，或二进制数据</translation>
    </message>
    <message>
        <source>i</source>
        <translation>i</translation>
    </message>
    <message>
        <source>i%4</source>
        <translation>i%4</translation>
    </message>
    <message>
        <source>wire</source>
        <translation>线路上</translation>
    </message>
    <message>
        <source>⊕ key</source>
        <translation>⊕ 掩码键</translation>
    </message>
    <message>
        <source>= payload</source>
        <translation>= 载荷</translation>
    </message>
    <message>
        <source>byte</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>char</source>
        <translation>字符</translation>
    </message>
    <message>
        <source>i: the index of the byte in the payload</source>
        <translation>i：该字节在载荷中的序号</translation>
    </message>
    <message>
        <source>i mod 4: which of the four key bytes masks byte i (RFC 6455 §5.3)</source>
        <translation>i mod 4：四个掩码键字节中由哪一个给第 i 个字节加掩码（RFC 6455 §5.3）</translation>
    </message>
    <message>
        <source>The masked byte as sent on the wire, in bits</source>
        <translation>线路上发送的加了掩码的字节（二进制位）</translation>
    </message>
    <message>
        <source>The masking-key byte key[i mod 4], in bits</source>
        <translation>掩码键字节 key[i mod 4]（二进制位）</translation>
    </message>
    <message>
        <source>wire XOR key, bit by bit: the unmasked payload byte</source>
        <translation>线路字节与掩码键逐位异或：得到去掩码后的载荷字节</translation>
    </message>
    <message>
        <source>The unmasked payload byte in hex, as the decoder delivered it</source>
        <translation>解码器交付的去掩码后载荷字节（十六进制）</translation>
    </message>
    <message>
        <source>The unmasked byte as a character (· if not printable ASCII)</source>
        <translation>去掩码后的字节对应的字符（不可打印的 ASCII 显示为 ·）</translation>
    </message>
</context>
<context>
    <name>wslab::inspector::UnmaskingTable</name>
    <message>
        <source>This frame is not masked (MASK = 0): the payload on the wire is the payload. Only frames from a client to a server are masked (RFC 6455 §5.1).</source>
        <translation>这一帧没有掩码（MASK = 0）：线路上的载荷就是载荷本身。只有客户端发给服务器的帧才加掩码（RFC 6455 §5.1）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;payload[i] = wire[i] XOR key[i mod 4]&lt;/b&gt; (RFC 6455 §5.3), key = &lt;code&gt;%1&lt;/code&gt;</source>
        <translation>&lt;b&gt;payload[i] = wire[i] XOR key[i mod 4]&lt;/b&gt;（RFC 6455 §5.3），掩码键 = &lt;code&gt;%1&lt;/code&gt;</translation>
    </message>
    <message>
        <source>Select a masked frame (client → server) to see how it is unmasked.</source>
        <translation>选择一个带掩码的帧（客户端 → 服务器），查看它如何去掉掩码。</translation>
    </message>
    <message>
        <source>Showing bytes 0-%1 of %2; scroll down for more.</source>
        <translation>显示 %2 字节中的第 0-%1 字节；向下滚动查看更多。</translation>
    </message>
    <message>
        <source>All %1 payload bytes.</source>
        <translation>全部 %1 个载荷字节。</translation>
    </message>
</context>
<context>
    <name>wslab::protocol::CloseCode</name>
    <message>
        <source>Normal Closure</source>
        <translation>正常关闭</translation>
    </message>
    <message>
        <source>Going Away</source>
        <translation>端点离开</translation>
    </message>
    <message>
        <source>Protocol Error</source>
        <translation>协议错误</translation>
    </message>
    <message>
        <source>Unsupported Data</source>
        <translation>不支持的数据</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>No Status Received</source>
        <translation>未收到状态码</translation>
    </message>
    <message>
        <source>Abnormal Closure</source>
        <translation>异常关闭</translation>
    </message>
    <message>
        <source>Invalid Frame Payload Data</source>
        <translation>无效的帧载荷数据</translation>
    </message>
    <message>
        <source>Policy Violation</source>
        <translation>违反策略</translation>
    </message>
    <message>
        <source>Message Too Big</source>
        <translation>消息过大</translation>
    </message>
    <message>
        <source>Mandatory Extension</source>
        <translation>缺少必需的扩展</translation>
    </message>
    <message>
        <source>Internal Error</source>
        <translation>内部错误</translation>
    </message>
    <message>
        <source>Service Restart</source>
        <translation>服务重启</translation>
    </message>
    <message>
        <source>Try Again Later</source>
        <translation>稍后重试</translation>
    </message>
    <message>
        <source>Bad Gateway</source>
        <translation>网关错误</translation>
    </message>
    <message>
        <source>TLS Handshake</source>
        <translation>TLS 握手失败</translation>
    </message>
    <message>
        <source>Registered (library/framework)</source>
        <translation>已注册（库/框架）</translation>
    </message>
    <message>
        <source>Private use</source>
        <translation>私有使用</translation>
    </message>
</context>
<context>
    <name>wslab::protocol::DecodeError</name>
    <message>
        <source>RSV bit set but no extension defines it</source>
        <translation>设置了 RSV 位，但没有扩展定义它</translation>
    </message>
    <message>
        <source>Reserved opcode</source>
        <translation>保留操作码</translation>
    </message>
    <message>
        <source>Control frame with FIN = 0 (control frames cannot be fragmented)</source>
        <translation>控制帧 FIN = 0（控制帧不能分片）</translation>
    </message>
    <message>
        <source>Control frame payload longer than 125 bytes</source>
        <translation>控制帧载荷超过 125 字节</translation>
    </message>
    <message>
        <source>Payload length not encoded in the minimal number of bytes</source>
        <translation>载荷长度没有用最少的字节数编码</translation>
    </message>
    <message>
        <source>64-bit payload length with the most significant bit set</source>
        <translation>64 位载荷长度的最高位被置 1</translation>
    </message>
    <message>
        <source>Frame payload larger than the configured limit</source>
        <translation>帧载荷超过了设定的上限</translation>
    </message>
    <message>
        <source>Client frame is not masked</source>
        <translation>客户端帧没有加掩码</translation>
    </message>
    <message>
        <source>Server frame is masked</source>
        <translation>服务器帧加了掩码</translation>
    </message>
    <message>
        <source>Continuation frame without a message in progress</source>
        <translation>没有进行中的消息，却收到了延续帧</translation>
    </message>
    <message>
        <source>New data frame before the fragmented message finished</source>
        <translation>分片消息还没结束，又来了新的数据帧</translation>
    </message>
    <message>
        <source>Message larger than the configured limit</source>
        <translation>消息超过了设定的上限</translation>
    </message>
    <message>
        <source>Text message is not valid UTF-8</source>
        <translation>文本消息不是有效的 UTF-8</translation>
    </message>
    <message>
        <source>Close frame payload of one byte</source>
        <translation>关闭帧载荷只有一个字节</translation>
    </message>
    <message>
        <source>Close code not allowed on the wire</source>
        <translation>该关闭码不允许出现在线路上</translation>
    </message>
    <message>
        <source>Close reason is not valid UTF-8</source>
        <translation>关闭原因不是有效的 UTF-8</translation>
    </message>
    <message>
        <source>Compressed message does not inflate</source>
        <translation>压缩的消息无法解压</translation>
    </message>
</context>
<context>
    <name>wslab::protocol::DeflateOfferError</name>
    <message>
        <source>Not a permessage-deflate offer</source>
        <translation>不是 permessage-deflate 提议</translation>
    </message>
    <message>
        <source>Extension parameter is not a token with an optional token or quoted value</source>
        <translation>扩展参数不是一个记号（token），或其后的值不是记号或带引号的字符串</translation>
    </message>
    <message>
        <source>Parameter not defined for a permessage-deflate offer</source>
        <translation>permessage-deflate 提议中未定义该参数</translation>
    </message>
    <message>
        <source>The same parameter appears twice</source>
        <translation>同一个参数出现了两次</translation>
    </message>
    <message>
        <source>No-context-takeover parameters take no value</source>
        <translation>No-context-takeover 参数不带值</translation>
    </message>
    <message>
        <source>server_max_window_bits needs a value</source>
        <translation>server_max_window_bits 需要一个值</translation>
    </message>
    <message>
        <source>Window bits must be 8 to 15, without leading zeros</source>
        <translation>窗口位数必须是 8 到 15，且不能有前导零</translation>
    </message>
    <message>
        <source>The server cannot compress with a 256-byte window</source>
        <translation>服务器无法使用 256 字节的窗口进行压缩</translation>
    </message>
</context>
<context>
    <name>wslab::protocol::HandshakeError</name>
    <message>
        <source>The opening handshake must be a GET request</source>
        <translation>开始握手必须是 GET 请求</translation>
    </message>
    <message>
        <source>The opening handshake needs HTTP/1.1 or later</source>
        <translation>开始握手需要 HTTP/1.1 或更高版本</translation>
    </message>
    <message>
        <source>Host header field missing or empty</source>
        <translation>缺少 Host 头字段，或其值为空</translation>
    </message>
    <message>
        <source>More than one Host header field</source>
        <translation>Host 头字段不止一个</translation>
    </message>
    <message>
        <source>Upgrade header field must contain the token &quot;websocket&quot;</source>
        <translation>Upgrade 头字段必须包含记号“websocket”</translation>
    </message>
    <message>
        <source>Connection header field must contain the token &quot;Upgrade&quot;</source>
        <translation>Connection 头字段必须包含记号“Upgrade”</translation>
    </message>
    <message>
        <source>Sec-WebSocket-Key header field missing</source>
        <translation>缺少 Sec-WebSocket-Key 头字段</translation>
    </message>
    <message>
        <source>More than one Sec-WebSocket-Key header field</source>
        <translation>Sec-WebSocket-Key 头字段不止一个</translation>
    </message>
    <message>
        <source>Sec-WebSocket-Key must be base64 of 16 bytes</source>
        <translation>Sec-WebSocket-Key 必须是 16 个字节的 base64 编码</translation>
    </message>
    <message>
        <source>Sec-WebSocket-Version header field missing (this server speaks 13)</source>
        <translation>缺少 Sec-WebSocket-Version 头字段（本服务器使用版本 13）</translation>
    </message>
    <message>
        <source>Sec-WebSocket-Version must be 13</source>
        <translation>Sec-WebSocket-Version 必须是 13</translation>
    </message>
    <message>
        <source>Origin not allowed to open a WebSocket here</source>
        <translation>不允许该源在此打开 WebSocket</translation>
    </message>
</context>
<context>
    <name>wslab::protocol::HttpParseError</name>
    <message>
        <source>Request line must be: method, space, target, space, HTTP version</source>
        <translation>请求行必须是：方法、空格、目标、空格、HTTP 版本</translation>
    </message>
    <message>
        <source>Request method must be a token (is this TLS sent to a plain HTTP port?)</source>
        <translation>请求方法必须是一个记号（是不是把 TLS 发到了普通 HTTP 端口？）</translation>
    </message>
    <message>
        <source>Request target must be printable ASCII without spaces or &apos;#&apos;</source>
        <translation>请求目标必须是可打印 ASCII 字符，且不含空格和“#”</translation>
    </message>
    <message>
        <source>HTTP version must look like HTTP/1.1</source>
        <translation>HTTP 版本必须形如 HTTP/1.1</translation>
    </message>
    <message>
        <source>Only HTTP/1.x is supported, not HTTP/0.9 or HTTP/2 and later</source>
        <translation>只支持 HTTP/1.x，不支持 HTTP/0.9 或 HTTP/2 及更高版本</translation>
    </message>
    <message>
        <source>Whitespace between the request line and the first header field</source>
        <translation>请求行与第一个头字段之间有空白</translation>
    </message>
    <message>
        <source>Header field continued on a new line (obsolete line folding)</source>
        <translation>头字段在新的一行上继续（已废弃的折行）</translation>
    </message>
    <message>
        <source>Header line without a colon</source>
        <translation>头字段行中没有冒号</translation>
    </message>
    <message>
        <source>Whitespace between a header field name and the colon</source>
        <translation>头字段名与冒号之间有空白</translation>
    </message>
    <message>
        <source>Header field name must be a non-empty token</source>
        <translation>头字段名必须是非空的记号</translation>
    </message>
    <message>
        <source>Control character in a header field value</source>
        <translation>头字段值中含有控制字符</translation>
    </message>
    <message>
        <source>Content-Length must be one decimal number</source>
        <translation>Content-Length 必须是一个十进制数</translation>
    </message>
    <message>
        <source>Transfer-Encoding is not supported; send Content-Length</source>
        <translation>不支持 Transfer-Encoding；请发送 Content-Length</translation>
    </message>
    <message>
        <source>Request head larger than the configured limit</source>
        <translation>请求头超过了设定的上限</translation>
    </message>
    <message>
        <source>Status line must be: HTTP version, space, status code, space, reason phrase (may be empty)</source>
        <translation>状态行必须是：HTTP 版本、空格、状态码、空格、原因短语（可以为空）</translation>
    </message>
    <message>
        <source>Status code must be three digits from 100 to 599</source>
        <translation>状态码必须是 100 到 599 之间的三位数字</translation>
    </message>
    <message>
        <source>Control character in the reason phrase</source>
        <translation>原因短语中含有控制字符</translation>
    </message>
</context>
<context>
    <name>wslab::protocol::LengthForm</name>
    <message>
        <source>7-bit</source>
        <translation>7 位</translation>
    </message>
    <message>
        <source>7+16-bit</source>
        <translation>7+16 位</translation>
    </message>
    <message>
        <source>7+64-bit</source>
        <translation>7+64 位</translation>
    </message>
</context>
<context>
    <name>wslab::protocol::UpgradeResponseError</name>
    <message>
        <source>Status must be 101 Switching Protocols</source>
        <translation>状态码必须是 101 Switching Protocols</translation>
    </message>
    <message>
        <source>Upgrade must be &quot;websocket&quot;</source>
        <translation>Upgrade 头字段必须是“websocket”</translation>
    </message>
    <message>
        <source>Connection must include &quot;Upgrade&quot;</source>
        <translation>Connection 头字段必须包含“Upgrade”</translation>
    </message>
    <message>
        <source>Sec-WebSocket-Accept is missing</source>
        <translation>缺少 Sec-WebSocket-Accept 头字段</translation>
    </message>
    <message>
        <source>Sec-WebSocket-Accept must be base64(SHA-1(key + GUID)) of the key the client sent</source>
        <translation>Sec-WebSocket-Accept 必须是客户端所发密钥的 base64(SHA-1(密钥 + GUID))</translation>
    </message>
    <message>
        <source>Sec-WebSocket-Extensions names an extension the client did not offer</source>
        <translation>Sec-WebSocket-Extensions 中有客户端未提议的扩展</translation>
    </message>
    <message>
        <source>Sec-WebSocket-Protocol must be one subprotocol the client offered</source>
        <translation>Sec-WebSocket-Protocol 必须是客户端提议的子协议之一</translation>
    </message>
</context>
<context>
    <name>wslab::proxy::ProxyServer</name>
    <message>
        <source>no PEM certificate in %1</source>
        <translation>%1 中没有 PEM 证书</translation>
    </message>
</context>
<context>
    <name>wslab::proxy::UpstreamFailure</name>
    <message>
        <source>the upstream refused the connection</source>
        <translation>上游拒绝了连接</translation>
    </message>
    <message>
        <source>the upstream&apos;s host name was not found</source>
        <translation>找不到上游的主机名</translation>
    </message>
    <message>
        <source>the upstream did not answer in time</source>
        <translation>上游没有及时应答</translation>
    </message>
    <message>
        <source>the TLS handshake with the upstream failed</source>
        <translation>与上游的 TLS 握手失败</translation>
    </message>
    <message>
        <source>the upstream closed the connection at once</source>
        <translation>上游立即关闭了连接</translation>
    </message>
    <message>
        <source>the upstream could not be reached</source>
        <translation>无法连到上游</translation>
    </message>
</context>
<context>
    <name>wslab::proxy::UpstreamUrlError</name>
    <message>
        <source>no upstream URL was given</source>
        <translation>没有给出上游 URL</translation>
    </message>
    <message>
        <source>not a URL of the form ws://host:port/path</source>
        <translation>不是 ws://host:port/path 形式的 URL</translation>
    </message>
    <message>
        <source>the scheme must be ws:// or wss://</source>
        <translation>协议必须是 ws:// 或 wss://</translation>
    </message>
    <message>
        <source>the URL names no host</source>
        <translation>URL 中没有主机</translation>
    </message>
    <message>
        <source>the port must be a number from 1 to 65535</source>
        <translation>端口必须是 1 到 65535 之间的数字</translation>
    </message>
    <message>
        <source>a WebSocket URL carries no user name or password</source>
        <translation>WebSocket URL 不能带用户名或密码</translation>
    </message>
    <message>
        <source>a WebSocket URL has no #fragment</source>
        <translation>WebSocket URL 不能带 #片段</translation>
    </message>
</context>
<context>
    <name>wslab::server::WebSocketServer</name>
    <message>
        <source>invalid bind address &quot;%1&quot;</source>
        <translation>无效的绑定地址“%1”</translation>
    </message>
</context>
</TS>
