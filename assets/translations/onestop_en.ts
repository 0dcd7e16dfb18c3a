<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
    <context>
        <name>kiosk</name>
        <message>
            <location filename="../../kiosk/accessibility.py" line="73" />
            <source>返回上一步，已填写的内容会保留</source>
            <translation>Go back one step; what you have filled in is kept</translation>
        </message>
        <message>
            <location filename="../../kiosk/accessibility.py" line="73" />
            <source>放弃本次办理，清除您的信息并回到首页</source>
            <translation>Cancel this application, clear your information and return to the start</translation>
        </message>
        <message>
            <location filename="../../kiosk/accessibility.py" line="73" />
            <source>确认本页内容并进入下一步</source>
            <translation>Confirm this page and go to the next step</translation>
        </message>
        <message>
            <location filename="../../kiosk/accessibility.py" line="73" />
            <source>切换界面语言</source>
            <translation>Change the screen language</translation>
        </message>
        <message>
            <location filename="../../kiosk/accessibility.py" line="73" />
            <source>放大文字并提高对比度，仅本次办理有效</source>
            <translation>Larger text and higher contrast, for this visit only</translation>
        </message>
        <message>
            <location filename="../../kiosk/accessibility.py" line="73" />
            <source>更大的字、语音引导、每屏一个问题，仅本次办理有效</source>
            <translation>Larger text, spoken guidance, one question per screen, for this visit only</translation>
        </message>
        <message>
            <location filename="../../kiosk/accessibility.py" line="73" />
            <source>打开或关闭语音引导</source>
            <translation>Turn spoken guidance on or off</translation>
        </message>
        <message>
            <location filename="../../kiosk/accessibility.py" line="73" />
            <source>通知工作人员到本机旁帮助您</source>
            <translation>Ask a member of staff to come and help you</translation>
        </message>
        <message>
            <location filename="../../kiosk/accessibility.py" line="73" />
            <source>继续本次办理</source>
            <translation>Continue this application</translation>
        </message>
        <message>
            <location filename="../../kiosk/accessibility.py" line="73" />
            <source>输入关键词查找要办理的事情</source>
            <translation>Type a word to find what you want to do</translation>
        </message>
        <message>
            <location filename="../../kiosk/accessibility.py" line="73" />
            <source>凭回执上的二维码或办件编号查询办理进度</source>
            <translation>Track progress with the QR code or application number on your receipt</translation>
        </message>
        <message>
            <location filename="../../kiosk/accessibility.py" line="73" />
            <source>打印需要准备的材料清单</source>
            <translation>Print the list of documents to prepare</translation>
        </message>
        <message>
            <location filename="../../kiosk/accessibility.py" line="73" />
            <source>把所有材料标记为已准备</source>
            <translation>Mark every document as ready</translation>
        </message>
        <message>
            <location filename="../../kiosk/accessibility.py" line="76" />
            <source>开始办理这件事</source>
            <translation>Start this application</translation>
        </message>
        <message>
            <location filename="../../kiosk/accessibility.py" line="76" />
            <source>轻触选择此项，可随时更改</source>
            <translation>Tap to choose this; you can change it any time</translation>
        </message>
        <message>
            <location filename="../../kiosk/accessibility.py" line="76" />
            <source>轻触标记此材料已准备或未准备</source>
            <translation>Tap to mark this document as ready or not ready</translation>
        </message>
        <message>
            <location filename="../../kiosk/accessibility.py" line="76" />
            <source>选择此领取方式</source>
            <translation>Choose this way to receive your results</translation>
        </message>
        <message>
            <location filename="../../kiosk/accessibility.py" line="76" />
            <source>为本次服务评价</source>
            <translation>Rate this service</translation>
        </message>
        <message>
            <location filename="../../kiosk/accessibility.py" line="76" />
            <source>核对此项，如有错误请修改</source>
            <translation>Check this item and correct it if it is wrong</translation>
        </message>
        <message>
            <location filename="../../kiosk/accessibility.py" line="76" />
            <source>演示：代替放卡或出示执照</source>
            <translation>Demo: stands in for placing a card or showing a licence</translation>
        </message>
        <message>
            <location filename="../../kiosk/accessibility.py" line="77" />
            <source>轻触选择或取消</source>
            <translation>Tap to select or clear</translation>
        </message>
        <message>
            <location filename="../../kiosk/accessibility.py" line="77" />
            <source>轻触执行此操作</source>
            <translation>Tap to do this</translation>
        </message>
        <message>
            <location filename="../../kiosk/accessibility.py" line="77" />
            <source>轻触后输入</source>
            <translation>Tap, then type</translation>
        </message>
        <message>
            <location filename="../../kiosk/accessibility.py" line="77" />
            <source>轻触后选择</source>
            <translation>Tap, then choose</translation>
        </message>
        <message>
            <location filename="../../kiosk/accessibility.py" line="77" />
            <source>拖动以查看更多内容</source>
            <translation>Drag to see more</translation>
        </message>
        <message>
            <location filename="../../kiosk/accessibility.py" line="86" />
            <source>滚动条</source>
            <translation>Scroll bar</translation>
        </message>
        <message>
            <location filename="../../kiosk/accessibility.py" line="86" />
            <source>输入框</source>
            <translation>Text field</translation>
        </message>
        <message>
            <location filename="../../kiosk/accessibility.py" line="86" />
            <source>选择框</source>
            <translation>Choice list</translation>
        </message>
        <message>
            <location filename="../../kiosk/accessibility.py" line="86" />
            <source>按钮</source>
            <translation>Button</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/audit_gate.py" line="43" />
            <source>审计日志已损坏，管理操作已停用：请技术人员运行 python -m kiosk.staff audit-verify</source>
            <translation>The audit log is damaged, so admin actions are disabled. A technician must run python -m kiosk.staff audit-verify</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/audit_gate.py" line="46" />
            <source>该操作的记录含有个人信息，已拒绝执行</source>
            <translation>The record of this action would contain personal data, so it was not done</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/audit_gate.py" line="49" />
            <source>无法写入审计日志，操作未执行：%1</source>
            <translation>Cannot write the audit log, so the action was not done: %1</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/diagnostics_view.py" line="50" />
            <location filename="../../kiosk/admin/diagnostics_view.py" line="161" />
            <location filename="../../kiosk/admin/diagnostics_view.py" line="76" />
            <source>测试身份证读卡器</source>
            <translation>Test ID card reader</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/diagnostics_view.py" line="50" />
            <location filename="../../kiosk/admin/diagnostics_view.py" line="161" />
            <location filename="../../kiosk/admin/diagnostics_view.py" line="76" />
            <source>测试 PC/SC 读卡器</source>
            <translation>Test PC/SC reader</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/diagnostics_view.py" line="50" />
            <location filename="../../kiosk/admin/diagnostics_view.py" line="161" />
            <location filename="../../kiosk/admin/diagnostics_view.py" line="76" />
            <source>测试打印机</source>
            <translation>Test printer</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/diagnostics_view.py" line="50" />
            <location filename="../../kiosk/admin/diagnostics_view.py" line="161" />
            <location filename="../../kiosk/admin/diagnostics_view.py" line="76" />
            <source>测试摄像头</source>
            <translation>Test camera</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/diagnostics_view.py" line="55" />
            <source>%1：通过（%2 秒）</source>
            <translation>%1: passed (%2 s)</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/diagnostics_view.py" line="55" />
            <source>%1：通过</source>
            <translation>%1: passed</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/diagnostics_view.py" line="59" />
            <source>%1：未通过（%2 秒）</source>
            <translation>%1: failed (%2 s)</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/diagnostics_view.py" line="59" />
            <source>%1：未通过</source>
            <translation>%1: failed</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/diagnostics_view.py" line="60" />
            <source>%1：未通过 — %2（%3 秒）</source>
            <translation>%1: failed - %2 (%3 s)</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/diagnostics_view.py" line="60" />
            <source>%1：未通过 — %2</source>
            <translation>%1: failed - %2</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/diagnostics_view.py" line="73" />
            <source>重新检测</source>
            <translation>Check again</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/diagnostics_view.py" line="79" />
            <location filename="../../kiosk/admin/system_view.py" line="83" />
            <source>打印测试页</source>
            <translation>Print test page</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/diagnostics_view.py" line="109" />
            <source>正在检测…</source>
            <translation>Checking…</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/diagnostics_view.py" line="119" />
            <source>检测完成：%1</source>
            <translation>Checked at %1</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/diagnostics_view.py" line="125" />
            <source>设备</source>
            <translation>Device</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/diagnostics_view.py" line="125" />
            <source>驱动</source>
            <translation>Driver</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/diagnostics_view.py" line="125" />
            <source>状态</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/diagnostics_view.py" line="125" />
            <source>说明</source>
            <translation>Detail</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/diagnostics_view.py" line="129" />
            <source>身份证读卡器</source>
            <translation>ID card reader</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/diagnostics_view.py" line="129" />
            <source>PC/SC 读卡器</source>
            <translation>PC/SC reader</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/diagnostics_view.py" line="129" />
            <source>摄像头</source>
            <translation>Camera</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/diagnostics_view.py" line="129" />
            <source>打印机</source>
            <translation>Printer</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/diagnostics_view.py" line="131" />
            <source>正常</source>
            <translation>OK</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/diagnostics_view.py" line="131" />
            <source>离线</source>
            <translation>Offline</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/diagnostics_view.py" line="131" />
            <source>未连接</source>
            <translation>Not connected</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/diagnostics_view.py" line="131" />
            <source>硬件故障</source>
            <translation>Hardware fault</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/diagnostics_view.py" line="131" />
            <source>需要处理</source>
            <translation>Needs attention</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/diagnostics_view.py" line="131" />
            <source>忙</source>
            <translation>Busy</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/diagnostics_view.py" line="147" />
            <source>可用</source>
            <translation>running</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/diagnostics_view.py" line="147" />
            <source>不可用</source>
            <translation>not available</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/diagnostics_view.py" line="148" />
            <source>已同步</source>
            <translation>synchronized</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/diagnostics_view.py" line="148" />
            <source>未确认</source>
            <translation>not confirmed</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/diagnostics_view.py" line="150" />
            <source>pcscd：%1　磁盘剩余：%2　时钟：%3（NTP %4）　队列：待发送 %5，被拒收 %6</source>
            <translation>pcscd: %1   Disk free: %2   Clock: %3 (NTP %4)   Queue: %5 waiting, %6 refused</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/diagnostics_view.py" line="162" />
            <source>%1…请放置证件</source>
            <translation>%1… place a card on the reader</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/diagnostics_view.py" line="179" />
            <location filename="../../kiosk/admin/reprint_view.py" line="76" />
            <source>未配置打印机</source>
            <translation>No printer configured</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/diagnostics_view.py" line="184" />
            <source>正在打印测试页…</source>
            <translation>Printing the test page…</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/diagnostics_view.py" line="187" />
            <source>测试页已打印</source>
            <translation>Test page printed</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/diagnostics_view.py" line="188" />
            <source>测试页未打印（%1）</source>
            <translation>Test page not printed (%1)</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/diagnostics_view.py" line="206" />
            <source>检测失败（%1），请联系技术人员</source>
            <translation>The check failed (%1). Please call a technician</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/panel.py" line="113" />
            <source>设置</source>
            <translation>Settings</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/panel.py" line="113" />
            <source>队列</source>
            <translation>Queue</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/panel.py" line="113" />
            <source>回执</source>
            <translation>Receipts</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/panel.py" line="113" />
            <source>诊断</source>
            <translation>Diagnostics</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/panel.py" line="113" />
            <source>系统</source>
            <translation>System</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/panel.py" line="141" />
            <source>打印纸将尽，请及时换纸</source>
            <translation>Printer paper is running low: change the roll soon</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/panel.py" line="141" />
            <source>打印机缺纸：请装纸，再到“回执”页重打未打印的回执</source>
            <translation>The printer is out of paper: load paper, then reprint the missed receipts on the Receipts tab</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/panel.py" line="155" />
            <source>管理模式 · 终端 %1 · %2</source>
            <translation>Admin mode · Terminal %1 · %2</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/panel.py" line="157" />
            <location filename="../../kiosk/admin/system_view.py" line="52" />
            <source>返回服务</source>
            <translation>Back to service</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/pin_pad.py" line="60" />
            <source>管理人员登录</source>
            <translation>Staff sign-in</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/pin_pad.py" line="93" />
            <source>清除</source>
            <translation>Clear</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/pin_pad.py" line="110" />
            <source>取消</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/pin_pad.py" line="111" />
            <source>确定</source>
            <translation>OK</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/pin_pad.py" line="121" />
            <source>请输入管理密码</source>
            <translation>Enter the staff PIN</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/pin_pad.py" line="170" />
            <source>请输入 %1–%2 位数字</source>
            <translation>Enter %1 to %2 digits</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/pin_pad.py" line="176" />
            <source>正在核对…</source>
            <translation>Checking…</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/pin_pad.py" line="204" />
            <location filename="../../kiosk/admin/pin_pad.py" line="130" />
            <source>未设置管理密码：请技术人员运行 python -m kiosk.staff set-pin</source>
            <translation>No staff PIN is set. A technician must run python -m kiosk.staff set-pin</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/pin_pad.py" line="208" />
            <source>无法核对密码（%1），请联系技术人员</source>
            <translation>Cannot check the PIN (%1). Please call a technician</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/pin_pad.py" line="230" />
            <source>锁定已解除，请输入管理密码</source>
            <translation>Unlocked. Enter the staff PIN</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/pin_pad.py" line="233" />
            <source>错误次数过多，已锁定，请 %1 后再试</source>
            <translation>Too many wrong PINs. Locked: try again in %1</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/queue_view.py" line="48" />
            <source>待发送</source>
            <translation>Waiting</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/queue_view.py" line="48" />
            <source>发送中</source>
            <translation>Sending</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/queue_view.py" line="48" />
            <source>已送达</source>
            <translation>Delivered</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/queue_view.py" line="48" />
            <source>被拒收</source>
            <translation>Refused</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/queue_view.py" line="58" />
            <location filename="../../kiosk/admin/reprint_view.py" line="50" />
            <source>刷新</source>
            <translation>Refresh</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/queue_view.py" line="59" />
            <location filename="../../kiosk/admin/system_view.py" line="83" />
            <source>立即同步</source>
            <translation>Sync now</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/queue_view.py" line="65" />
            <source>被拒收的申请（保留，可重试）</source>
            <translation>Applications refused by the hub (kept, can be retried)</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/queue_view.py" line="91" />
            <source>无法读取队列（%1），请联系技术人员</source>
            <translation>Cannot read the queue (%1). Please call a technician</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/queue_view.py" line="96" />
            <source>空闲</source>
            <translation>Idle</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/queue_view.py" line="96" />
            <source>正在发送</source>
            <translation>Sending</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/queue_view.py" line="96" />
            <source>网络或平台暂不可用，稍后自动重试</source>
            <translation>Network or hub unavailable; will retry automatically</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/queue_view.py" line="96" />
            <source>中心平台拒绝本终端的凭据，已停止发送：凭据修正后点“立即同步”</source>
            <translation>The hub refused this terminal's credentials, so sending has stopped. Fix the credentials, then tap Sync now</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/queue_view.py" line="97" />
            <source>同步状态：%1</source>
            <translation>Sync: %1</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/queue_view.py" line="110" />
            <source>没有被拒收的申请</source>
            <translation>No refused applications</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/queue_view.py" line="121" />
            <source>未说明</source>
            <translation>not given</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/admin/queue_view.py" line="122" />
            <source>申请编号 %1
事项 %2 · 提交于 %3 · 已尝试 %n 次
原因：%4</source>
            <translation>
                <numerusform>Application %1
Theme %2 · submitted %3 · %n attempt
Reason: %4</numerusform>
                <numerusform>Application %1
Theme %2 · submitted %3 · %n attempts
Reason: %4</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/queue_view.py" line="126" />
            <source>重试</source>
            <translation>Retry</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/queue_view.py" line="143" />
            <source>已放回待发送队列</source>
            <translation>Put back in the queue</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/queue_view.py" line="157" />
            <source>已开始同步</source>
            <translation>Sync started</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/reprint_view.py" line="51" />
            <location filename="../../kiosk/admin/system_view.py" line="83" />
            <source>全部重打</source>
            <translation>Reprint all</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/reprint_view.py" line="56" />
            <source>未打印的回执</source>
            <translation>Receipts not printed</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/reprint_view.py" line="78" />
            <source>正在查询打印机…</source>
            <translation>Asking the printer…</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/reprint_view.py" line="92" />
            <source>打印机：%1</source>
            <translation>Printer: %1</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/reprint_view.py" line="95" />
            <source>打印机：%1（%2）</source>
            <translation>Printer: %1 (%2)</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/reprint_view.py" line="95" />
            <location filename="../../kiosk/admin/reprint_view.py" line="92" />
            <source>纸张正常</source>
            <translation>paper OK</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/reprint_view.py" line="95" />
            <location filename="../../kiosk/admin/reprint_view.py" line="92" />
            <source>纸张将尽，请准备换纸</source>
            <translation>paper low, get a new roll ready</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/reprint_view.py" line="95" />
            <location filename="../../kiosk/admin/reprint_view.py" line="92" />
            <source>缺纸，请装纸</source>
            <translation>out of paper, load paper</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/reprint_view.py" line="95" />
            <location filename="../../kiosk/admin/reprint_view.py" line="92" />
            <source>无法获取打印机状态</source>
            <translation>status unavailable</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/reprint_view.py" line="105" />
            <source>没有未打印的回执</source>
            <translation>No receipts waiting to be printed</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/reprint_view.py" line="116" />
            <source>申请编号 %1
%2 · %3</source>
            <translation>Application %1
%2 · %3</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/reprint_view.py" line="118" />
            <source>重打</source>
            <translation>Reprint</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/reprint_view.py" line="153" />
            <source>正在打印…</source>
            <translation>Printing…</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/admin/reprint_view.py" line="159" />
            <source>已打印 %n 张回执</source>
            <translation>
                <numerusform>Printed %n receipt</numerusform>
                <numerusform>Printed %n receipts</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/reprint_view.py" line="166" />
            <source>缺纸，请装纸后再打</source>
            <translation>Out of paper: load paper, then reprint</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/reprint_view.py" line="166" />
            <source>打印机离线，请检查电源、连线和纸仓盖</source>
            <translation>Printer offline: check the power, the cable and the paper cover</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/reprint_view.py" line="168" />
            <source>打印失败：%1</source>
            <translation>Printing failed: %1</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/settings_editors.py" line="44" />
            <location filename="../../kiosk/admin/settings_editors.py" line="54" />
            <location filename="../../kiosk/admin/settings_editors.py" line="47" />
            <source>关</source>
            <translation>Off</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/settings_editors.py" line="54" />
            <location filename="../../kiosk/admin/settings_editors.py" line="47" />
            <source>开</source>
            <translation>On</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/settings_fields.py" line="45" />
            <source>模拟</source>
            <translation>Simulator</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/settings_fields.py" line="45" />
            <source>无</source>
            <translation>None</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/settings_fields.py" line="201" />
            <source>没有这个设置项</source>
            <translation>No such setting</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/settings_fields.py" line="266" />
            <location filename="../../kiosk/admin/settings_fields.py" line="269" />
            <source>不能小于 %1</source>
            <translation>Must be at least %1</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/settings_fields.py" line="266" />
            <location filename="../../kiosk/admin/settings_fields.py" line="269" />
            <source>必须大于 %1</source>
            <translation>Must be more than %1</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/settings_fields.py" line="266" />
            <location filename="../../kiosk/admin/settings_fields.py" line="269" />
            <source>不能大于 %1</source>
            <translation>Must be at most %1</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/settings_fields.py" line="266" />
            <location filename="../../kiosk/admin/settings_fields.py" line="269" />
            <source>必须小于 %1</source>
            <translation>Must be less than %1</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/settings_fields.py" line="266" />
            <location filename="../../kiosk/admin/settings_fields.py" line="269" />
            <source>请输入整数</source>
            <translation>Enter a whole number</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/settings_fields.py" line="266" />
            <location filename="../../kiosk/admin/settings_fields.py" line="269" />
            <source>请输入数字</source>
            <translation>Enter a number</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/settings_fields.py" line="266" />
            <location filename="../../kiosk/admin/settings_fields.py" line="269" />
            <source>请输入有限的数字</source>
            <translation>Enter a finite number</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/settings_fields.py" line="266" />
            <location filename="../../kiosk/admin/settings_fields.py" line="269" />
            <source>格式不正确</source>
            <translation>Wrong format</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/settings_fields.py" line="266" />
            <location filename="../../kiosk/admin/settings_fields.py" line="269" />
            <source>不能为空</source>
            <translation>Cannot be empty</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/settings_fields.py" line="266" />
            <location filename="../../kiosk/admin/settings_fields.py" line="269" />
            <source>内容太长（最多 %1 个字符）</source>
            <translation>Too long (at most %1 characters)</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/settings_fields.py" line="266" />
            <location filename="../../kiosk/admin/settings_fields.py" line="269" />
            <source>请从列出的选项中选择</source>
            <translation>Choose one of the options</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/settings_fields.py" line="266" />
            <location filename="../../kiosk/admin/settings_fields.py" line="269" />
            <source>请选择开或关</source>
            <translation>Choose on or off</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/settings_fields.py" line="266" />
            <location filename="../../kiosk/admin/settings_fields.py" line="269" />
            <source>请至少选择一项</source>
            <translation>Choose at least one</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/settings_fields.py" line="266" />
            <location filename="../../kiosk/admin/settings_fields.py" line="269" />
            <source>必须填写</source>
            <translation>Required</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/settings_form.py" line="79" />
            <source>立即重启</source>
            <translation>Restart now</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/settings_form.py" line="82" />
            <source>撤销修改</source>
            <translation>Undo changes</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/settings_form.py" line="83" />
            <source>保存</source>
            <translation>Save</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/settings_form.py" line="87" />
            <location filename="../../kiosk/admin/settings_form.py" line="138" />
            <location filename="../../kiosk/admin/settings_form.py" line="147" />
            <source>未指定配置文件，无法保存：请技术人员用 --config 启动程序</source>
            <translation>No configuration file given, so nothing can be saved. A technician must start the program with --config</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/settings_form.py" line="122" />
            <source>（范围 %1）</source>
            <translation> (range %1)</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/settings_form.py" line="124" />
            <source>（只能由技术人员在配置文件中修改）</source>
            <translation> (only a technician can change this, in the configuration file)</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/settings_form.py" line="156" />
            <source>没有修改</source>
            <translation>Nothing changed</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/settings_form.py" line="165" />
            <source>保存失败，设置未改变：%1</source>
            <translation>Saving failed; the settings are unchanged: %1</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/admin/settings_form.py" line="168" />
            <source>已保存 %n 项设置，重启后生效</source>
            <translation>
                <numerusform>Saved %n setting; it takes effect after a restart</numerusform>
                <numerusform>Saved %n settings; they take effect after a restart</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/settings_form.py" line="182" />
            <location filename="../../kiosk/screens/review.py" line="224" />
            <source>%1：%2</source>
            <translation>%1: %2</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/admin/settings_form.py" line="183" />
            <source>有 %n 项需要修改，设置未保存</source>
            <translation>
                <numerusform>%n field needs fixing; settings not saved</numerusform>
                <numerusform>%n fields need fixing; settings not saved</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/system_view.py" line="53" />
            <location filename="../../kiosk/admin/system_view.py" line="83" />
            <source>重启程序</source>
            <translation>Restart program</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/system_view.py" line="54" />
            <location filename="../../kiosk/admin/system_view.py" line="83" />
            <location filename="../../kiosk/admin/system_view.py" line="91" />
            <location filename="../../kiosk/admin/system_view.py" line="66" />
            <source>退出自助模式</source>
            <translation>Leave kiosk mode</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/admin/system_view.py" line="58" />
            <source>最近 %n 条管理操作记录</source>
            <translation>
                <numerusform>Last %n admin action</numerusform>
                <numerusform>Last %n admin actions</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/system_view.py" line="77" />
            <source>无法读取审计日志：%1</source>
            <translation>Cannot read the audit log: %1</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/system_view.py" line="79" />
            <source>⚠ 审计日志校验失败：%1</source>
            <translation>⚠ Audit log check failed: %1</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/system_view.py" line="83" />
            <source>管理登录</source>
            <translation>Staff sign-in</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/system_view.py" line="83" />
            <source>密码错误</source>
            <translation>Wrong PIN</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/system_view.py" line="83" />
            <source>退出管理</source>
            <translation>Staff sign-out</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/system_view.py" line="83" />
            <source>保存设置</source>
            <translation>Save settings</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/system_view.py" line="83" />
            <source>重试申请</source>
            <translation>Retry application</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/system_view.py" line="83" />
            <source>重打回执</source>
            <translation>Reprint receipt</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/system_view.py" line="83" />
            <source>设备检测</source>
            <translation>Device check</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/system_view.py" line="83" />
            <source>设备测试</source>
            <translation>Device test</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/system_view.py" line="83" />
            <source>设置密码</source>
            <translation>Set PIN</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/system_view.py" line="84" />
            <source>%1　%2 UTC　%3 %4　%5</source>
            <comment>one audit entry: number, time, action, its code, detail</comment>
            <translation>%1   %2 UTC   %3 %4   %5</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/system_view.py" line="86" />
            <source>暂无记录</source>
            <translation>No entries yet</translation>
        </message>
        <message>
            <location filename="../../kiosk/admin/system_view.py" line="94" />
            <source>确认退出？再按一次</source>
            <translation>Leave? Press again</translation>
        </message>
        <message>
            <location filename="../../kiosk/citizen_aids.py" line="98" />
            <location filename="../../kiosk/screens/attract.py" line="57" />
            <location filename="../../kiosk/screens/attract.py" line="114" />
            <source>请选择您要办理的事情，轻触开始</source>
            <translation>Choose what you want to do. Touch to start</translation>
        </message>
        <message>
            <location filename="../../kiosk/citizen_aids.py" line="98" />
            <source>请阅读个人信息使用说明，同意后轻触下一步</source>
            <translation>Please read how your personal information is used, then tap Next to agree</translation>
        </message>
        <message>
            <location filename="../../kiosk/citizen_aids.py" line="98" />
            <location filename="../../kiosk/screens/identity.py" line="102" />
            <location filename="../../kiosk/screens/identity.py" line="48" />
            <source>请将身份证放在感应区</source>
            <translation>Please place your ID card on the reader</translation>
        </message>
        <message>
            <location filename="../../kiosk/citizen_aids.py" line="98" />
            <source>请选择您的经营主体和业态，然后轻触下一步</source>
            <translation>Please choose your type of business and what it does, then tap Next</translation>
        </message>
        <message>
            <location filename="../../kiosk/citizen_aids.py" line="98" />
            <source>请根据实际情况回答，轻触是或否，然后轻触下一步</source>
            <translation>Please answer as things really are: tap Yes or No, then tap Next</translation>
        </message>
        <message>
            <location filename="../../kiosk/citizen_aids.py" line="98" />
            <location filename="../../kiosk/screens/licence.py" line="51" />
            <source>请将营业执照上的二维码对准摄像头</source>
            <translation>Hold the QR code on your business licence in front of the camera</translation>
        </message>
        <message>
            <location filename="../../kiosk/citizen_aids.py" line="98" />
            <source>表格已为您填好大部分内容，请核对，标有推定的内容请特别确认</source>
            <translation>Most of the form is filled in for you. Please check it, especially the items marked Inferred</translation>
        </message>
        <message>
            <location filename="../../kiosk/citizen_aids.py" line="98" />
            <source>这是需要准备的材料清单，核对后轻触下一步</source>
            <translation>This is the list of documents to prepare; check it, then tap Next</translation>
        </message>
        <message>
            <location filename="../../kiosk/citizen_aids.py" line="98" />
            <source>请选择领取方式，然后轻触提交</source>
            <translation>Please choose how to receive your results, then tap Submit</translation>
        </message>
        <message>
            <location filename="../../kiosk/citizen_aids.py" line="98" />
            <source>申请已提交，请取走回执，并为本次服务评价</source>
            <translation>Your application is submitted. Please take your receipt and rate this service</translation>
        </message>
        <message>
            <location filename="../../kiosk/citizen_aids.py" line="123" />
            <source>您已有一段时间没有操作，如需继续，请轻触继续办理</source>
            <translation>You have not touched the screen for a while. To carry on, tap Continue</translation>
        </message>
        <message>
            <location filename="../../kiosk/idle.py" line="91" />
            <source>继续办理</source>
            <translation>Continue</translation>
        </message>
        <message>
            <location filename="../../kiosk/idle.py" line="98" />
            <source>您已有一段时间没有操作。
%1 秒后将清除您的信息并返回首页。</source>
            <translation>You have not touched the screen for a while.
In %1 seconds your details will be cleared and the kiosk will go back to the start.</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/attract.py" line="29" />
            <location filename="../../kiosk/screens/attract.py" line="146" />
            <source>一件事 一次办</source>
            <translation>One visit, all done</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/attract.py" line="36" />
            <source>大字模式</source>
            <translation>Large text</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/attract.py" line="39" />
            <source>长辈模式</source>
            <translation>Senior mode</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/attract.py" line="42" />
            <source>语音引导</source>
            <translation>Voice guidance</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/attract.py" line="49" />
            <source>搜索：如 奶茶、咖啡、kfd</source>
            <translation>Search: e.g. milk tea, coffee, restaurant</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/attract.py" line="50" />
            <source>搜索要办理的事情</source>
            <translation>Search for what you want to do</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/attract.py" line="62" />
            <source>查询办件进度 / Track my application</source>
            <translation>Track my application</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/attract.py" line="65" />
            <source>呼叫工作人员（帮办）</source>
            <translation>Call staff for help</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/attract.py" line="108" />
            <source>没有找到相关事项，请换个说法，或直接选择下面的事项</source>
            <translation>Nothing found. Try other words, or choose from the list below</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/attract.py" line="141" />
            <source>本机暂停服务，请到人工窗口办理</source>
            <translation>This terminal is out of service; please go to a staffed counter</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/attract.py" line="142" />
            <source>设备故障（供工作人员参考）：</source>
            <translation>Device fault (for staff): </translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/attract.py" line="144" />
            <source>本机暂停受理新的申请：</source>
            <translation>This kiosk cannot take new applications right now:</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/attract.py" line="150" />
            <source>正在呼叫工作人员…</source>
            <translation>Calling staff…</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/attract.py" line="157" />
            <source>已通知工作人员，请稍候，马上为您服务。</source>
            <translation>Staff have been told. Please wait, someone is coming to help you.</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/attract.py" line="161" />
            <source>暂时无法联网通知，请到服务台寻求帮助。</source>
            <translation>We cannot reach staff over the network right now. Please ask for help at the service counter.</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/base.py" line="68" />
            <source>上一步</source>
            <translation>Back</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/base.py" line="69" />
            <source>取消办理</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/base.py" line="71" />
            <source>下一步</source>
            <translation>Next</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/checklist.py" line="19" />
            <location filename="../../kiosk/window.py" line="326" />
            <location filename="../../kiosk/window.py" line="338" />
            <source>办事清单</source>
            <translation>Checklist</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/checklist.py" line="31" />
            <source>全选</source>
            <translation>Select all</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/checklist.py" line="32" />
            <source>打印清单</source>
            <translation>Print the checklist</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/checklist.py" line="54" />
            <source>本次一并办理 %1 个事项，并联审批，最长 %2 个工作日；需提交材料 %3 份</source>
            <translation>%1 applications handled together, all checked at the same time, within %2 working days at most. Documents to hand in: %3</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/checklist.py" line="57" />
            <source>办理事项</source>
            <translation>What will be done for you</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/checklist.py" line="62" />
            <source>%1 个工作日</source>
            <translation>%1 working days</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/checklist.py" line="64" />
            <source>申请材料</source>
            <translation>Documents</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/checklist.py" line="91" />
            <source>正在打印清单…</source>
            <translation>Printing the checklist…</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/checklist.py" line="98" />
            <source>清单打印失败，可在提交后随回执一并打印</source>
            <translation>The checklist could not be printed; it will be on your receipt after you submit</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/checklist.py" line="100" />
            <source>清单已打印，请取走。</source>
            <translation>The checklist is printed; please take it.</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/consent.py" line="21" />
            <source>个人信息使用告知</source>
            <translation>How we use your personal information</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/consent.py" line="22" />
            <source>为办理您选择的事项，本机将读取您的身份证件信息（含身份证号码等敏感个人信息），并向政务服务中心调取您及您企业的档案信息和电子证照，用于预先填写申请表。

这些信息只用于本次办理；提交后加密保存并发送至政务服务中心，发送成功后本机即删除。您离开或超时未操作时，本机会立即清除您的全部信息。</source>
            <translation>To handle what you chose, this kiosk will read your ID card (including your ID number, which is sensitive personal information) and fetch your and your company's records and electronic licences from the Government Service Centre to fill in the application forms for you.

This information is used only for this application. After you submit, it is encrypted and sent to the Government Service Centre, and deleted from this kiosk once it has arrived. If you walk away or stop using the screen, the kiosk clears all your information at once.</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/consent.py" line="24" />
            <source>同意并继续</source>
            <translation>I agree, continue</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/consent.py" line="25" />
            <source>不同意</source>
            <translation>I do not agree</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/delivery.py" line="18" />
            <source>领取方式</source>
            <translation>How to get your licences</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/delivery.py" line="19" />
            <source>审批完成后，证照如何交给您？</source>
            <translation>When everything is approved, how would you like to get your licences?</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/delivery.py" line="21" />
            <location filename="../../kiosk/wording.py" line="64" />
            <source>到大厅窗口自取</source>
            <translation>Collect at the service counter</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/delivery.py" line="22" />
            <source>快递到付</source>
            <translation>Courier delivery (you pay on arrival)</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/delivery.py" line="30" />
            <source>已按您上次办理时的选择预选，可修改</source>
            <translation>Chosen as on your last application; you can change it</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/delivery.py" line="32" />
            <source>邮寄地址（已按您的档案预填，可修改）：</source>
            <translation>Delivery address (filled in from your records, you can change it):</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/delivery.py" line="37" />
            <source>邮寄地址</source>
            <translation>Delivery address</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/delivery.py" line="42" />
            <source>提交申请</source>
            <translation>Submit application</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/done.py" line="27" />
            <source>提交成功</source>
            <translation>Application sent</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/done.py" line="40" />
            <source>请为本次服务评价（好差评）：</source>
            <translation>How was our service today?</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/done.py" line="44" />
            <source>非常不满意</source>
            <translation>Very dissatisfied</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/done.py" line="44" />
            <source>不满意</source>
            <translation>Dissatisfied</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/done.py" line="44" />
            <source>基本满意</source>
            <translation>OK</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/done.py" line="44" />
            <source>满意</source>
            <translation>Satisfied</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/done.py" line="44" />
            <source>非常满意</source>
            <translation>Very satisfied</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/done.py" line="55" />
            <source>完成，返回首页</source>
            <translation>Finish</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/done.py" line="62" />
            <source>正在打印回执，请稍候…</source>
            <translation>Printing your receipt, please wait…</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/done.py" line="79" />
            <source>感谢您的评价！</source>
            <translation>Thank you for your rating!</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/done.py" line="80" />
            <source>评价暂未保存，感谢您的反馈。</source>
            <translation>Your rating could not be saved just now; thank you for your feedback.</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/done.py" line="90" />
            <location filename="../../kiosk/screens/tracking.py" line="155" />
            <source>办件编号：%1</source>
            <translation>Application number: %1</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/done.py" line="91" />
            <source>各部门将并联审批，办理进度将以短信通知，也可凭回执上的二维码或办件编号随时查询。
请带走您的身份证和回执。</source>
            <translation>The departments handle your matters in parallel. You will get an SMS at each step, and can check progress any time with the QR code or the number on your receipt.
Please take your ID card and your receipt.</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/done.py" line="91" />
            <source>各部门将并联审批。凭回执上的二维码，或在本机“查询办件进度”输入办件编号，可随时查询办理进度。
请带走您的身份证和回执。</source>
            <translation>The departments handle your matters in parallel. Check progress any time with the QR code on your receipt, or type the application number under "Track my application" at this terminal.
Please take your ID card and your receipt.</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/done.py" line="99" />
            <source>请取走回执。</source>
            <translation>Please take your receipt.</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/identity.py" line="40" />
            <location filename="../../kiosk/window.py" line="326" />
            <location filename="../../kiosk/window.py" line="338" />
            <source>身份认证</source>
            <translation>Your identity</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/identity.py" line="72" />
            <source>演示：</source>
            <translation>Demo:</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/identity.py" line="77" />
            <source>样例%1 %2</source>
            <translation>Sample %1 %2</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/identity.py" line="100" />
            <source>本机暂无可用的身份认证方式，请联系工作人员</source>
            <translation>No way to prove your identity is available on this terminal; please ask staff</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/identity.py" line="102" />
            <location filename="../../kiosk/screens/identity.py" line="48" />
            <source>请将社会保障卡插入读卡器</source>
            <translation>Insert your social security card into the card reader</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/identity.py" line="102" />
            <location filename="../../kiosk/screens/identity.py" line="48" />
            <source>请打开随申办“亮码”，将二维码对准下方摄像头</source>
            <translation>Open the Suishenban app, tap "Show code" and hold the QR code in front of the camera below</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/identity.py" line="104" />
            <source>请任选一种方式认证身份：</source>
            <translation>Prove who you are in any one of these ways:</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/identity.py" line="127" />
            <source>证件已移开，尚未读完。请重新放好，读完前请勿移动</source>
            <translation>The card was taken away before it was read. Please put it back and keep it still until it is read</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/identity.py" line="184" />
            <source>正在核验，请稍候…</source>
            <translation>Checking, please wait…</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/identity.py" line="191" />
            <source>这不是随申办身份码，请打开随申办“亮码”后重试</source>
            <translation>This is not a Suishenban ID code. Open the app, tap "Show code" and try again</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/identity.py" line="211" />
            <source>正在读取档案，请稍候…</source>
            <translation>Fetching your records, please wait…</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/identity.py" line="240" />
            <source>读取失败，请重试或联系工作人员</source>
            <translation>Could not read it. Please try again or ask a member of staff</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/licence.py" line="50" />
            <location filename="../../kiosk/window.py" line="326" />
            <location filename="../../kiosk/window.py" line="338" />
            <source>营业执照</source>
            <translation>Business licence</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/licence.py" line="63" />
            <source>扫描不成功？也可以手动输入18位统一社会信用代码：</source>
            <translation>Scan not working? You can also type the 18-character unified social credit code:</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/licence.py" line="71" />
            <source>统一社会信用代码</source>
            <translation>Unified social credit code</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/licence.py" line="80" />
            <source>使用输入的代码</source>
            <translation>Use this code</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/licence.py" line="94" />
            <source>演示：出示执照</source>
            <translation>Demo: show a licence</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/licence.py" line="96" />
            <source>样例%1</source>
            <translation>Sample %1</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/licence.py" line="98" />
            <source>无效二维码</source>
            <translation>Invalid QR code</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/licence.py" line="111" />
            <source>本机未配置摄像头，请手动输入统一社会信用代码</source>
            <translation>This kiosk has no camera. Please type the unified social credit code</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/licence.py" line="155" />
            <source>未识别到营业执照二维码，请出示营业执照正本或副本上的二维码</source>
            <translation>No business licence QR code found. Please show the QR code on the original or a copy of your licence</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/licence.py" line="162" />
            <source>摄像头暂时无法使用，请手动输入</source>
            <translation>The camera is not working right now. Please type the code instead</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/screens/licence.py" line="169" />
            <source>还差 %n 位</source>
            <translation>
                <numerusform>%n more character</numerusform>
                <numerusform>%n more characters</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/licence.py" line="171" />
            <source>✓ 代码有效</source>
            <translation>✓ Code is valid</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/licence.py" line="171" />
            <source>✗ 校验位不符</source>
            <translation>✗ This code is not valid, please check it</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/questions.py" line="30" />
            <location filename="../../kiosk/window.py" line="326" />
            <location filename="../../kiosk/window.py" line="338" />
            <source>主体业态</source>
            <translation>Your business</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/questions.py" line="30" />
            <location filename="../../kiosk/window.py" line="326" />
            <location filename="../../kiosk/window.py" line="338" />
            <source>情形判断</source>
            <translation>Your situation</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/questions.py" line="32" />
            <source>请选择您的经营主体和业态</source>
            <translation>Tell us about your business</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/questions.py" line="32" />
            <source>请根据实际情况回答以下问题</source>
            <translation>Please answer these questions about your plans</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/questions.py" line="124" />
            <location filename="../../kiosk/screens/review.py" line="186" />
            <source>是</source>
            <translation>Yes</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/questions.py" line="124" />
            <location filename="../../kiosk/screens/review.py" line="186" />
            <source>否</source>
            <translation>No</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/review.py" line="34" />
            <source>多表合一 · 请核对</source>
            <translation>Check your answers · one form for everything</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/review.py" line="46" />
            <source>确认无误</source>
            <translation>All correct</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/review.py" line="47" />
            <source>下一个待填项</source>
            <translation>Next field to fill</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/review.py" line="82" />
            <source>共 %1 项，本次为您免填 %2 项，还需填写 %3 项</source>
            <translation>%1 items in total: we filled in %2 for you, %3 still to fill in</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/review.py" line="145" />
            <source>请填写</source>
            <translation>Please fill in</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/review.py" line="192" />
            <source>请选择</source>
            <translation>Please choose</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/review.py" line="236" />
            <source>下一个待填项（%1）</source>
            <translation>Next field to fill (%1)</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/review.py" line="237" />
            <location filename="../../kiosk/screens/review.py" line="243" />
            <source>已全部填写</source>
            <translation>All filled in</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/tracking.py" line="29" />
            <source>查询办件进度</source>
            <translation>Track my application</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/tracking.py" line="30" />
            <source>请将回执上的二维码对准摄像头，或输入办件编号和证件号码后四位</source>
            <translation>Hold the QR code on your receipt up to the camera, or type the application number and the last 4 characters of your ID number</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/tracking.py" line="35" />
            <source>办件编号，如 XH0001-261201-0007-B</source>
            <translation>Application number, e.g. XH0001-261201-0007-B</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/tracking.py" line="39" />
            <source>证件号码后四位</source>
            <translation>Last 4 of ID number</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/tracking.py" line="47" />
            <source>查询</source>
            <translation>Look up</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/tracking.py" line="58" />
            <source>返回首页</source>
            <translation>Back to start</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/tracking.py" line="136" />
            <source>正在查询，请稍候…</source>
            <translation>Looking it up, one moment…</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/tracking.py" line="151" />
            <source>没有找到该申请，请核对办件编号和证件号码后四位</source>
            <translation>No application found: please check the number and the last 4 characters of your ID number</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/tracking.py" line="165" />
            <source>暂时无法连接政务服务中心，请稍后再试或到服务台查询</source>
            <translation>The service centre cannot be reached right now: please try again later or ask at the counter</translation>
        </message>
        <message>
            <location filename="../../kiosk/window.py" line="142" />
            <location filename="../../kiosk/window.py" line="327" />
            <source>一网通办 · 自助服务终端</source>
            <translation>Government Services · Self-service kiosk</translation>
        </message>
        <message>
            <location filename="../../kiosk/window.py" line="326" />
            <location filename="../../kiosk/window.py" line="338" />
            <source>多表合一</source>
            <translation>Check answers</translation>
        </message>
        <message>
            <location filename="../../kiosk/window.py" line="326" />
            <location filename="../../kiosk/window.py" line="338" />
            <source>配送</source>
            <translation>Delivery</translation>
        </message>
        <message>
            <location filename="../../kiosk/window.py" line="326" />
            <location filename="../../kiosk/window.py" line="338" />
            <source>完成</source>
            <translation>Done</translation>
        </message>
        <message>
            <location filename="../../kiosk/window.py" line="340" />
            <source>重听</source>
            <translation>Repeat</translation>
        </message>
        <message>
            <location filename="../../kiosk/window.py" line="341" />
            <source>再说一遍本页的语音提示</source>
            <translation>Say this page's spoken guidance again</translation>
        </message>
        <message>
            <location filename="../../kiosk/wording.py" line="47" />
            <source>请携带</source>
            <translation>Please bring</translation>
        </message>
        <message>
            <location filename="../../kiosk/wording.py" line="47" />
            <source>电子证照已调取，免交</source>
            <translation>We already have it electronically, no need to bring it</translation>
        </message>
        <message>
            <location filename="../../kiosk/wording.py" line="47" />
            <source>告知承诺，免交</source>
            <translation>Your signed promise is enough, no need to bring it</translation>
        </message>
        <message>
            <location filename="../../kiosk/wording.py" line="63" />
            <source>快递到付：%1</source>
            <translation>Courier, paid on delivery: %1</translation>
        </message>
        <message>
            <location filename="../../kiosk/wording.py" line="73" />
            <source>一网通办 · 一件事一次办</source>
            <translation>OneStop · one life event, one visit</translation>
        </message>
        <message>
            <location filename="../../kiosk/wording.py" line="78" />
            <source>办事清单（尚未提交）</source>
            <translation>Checklist (not submitted yet)</translation>
        </message>
        <message>
            <location filename="../../kiosk/wording.py" line="82" />
            <source>请按清单准备材料</source>
            <translation>Please prepare the documents on this list</translation>
        </message>
        <message>
            <location filename="../../kiosk/wording.py" line="96" />
            <source>本机不打印回执，请凭申请编号到服务台领取</source>
            <translation>This terminal prints no receipts; collect yours at the counter with the application number</translation>
        </message>
        <message>
            <location filename="../../kiosk/wording.py" line="96" />
            <source>打印纸已用完，您的申请已保存，请到服务台领取回执</source>
            <translation>The printer is out of paper; your application is saved, collect the receipt at the counter</translation>
        </message>
        <message>
            <location filename="../../kiosk/wording.py" line="96" />
            <source>打印机离线，您的申请已保存，请到服务台领取回执</source>
            <translation>The printer is offline; your application is saved, collect the receipt at the counter</translation>
        </message>
        <message>
            <location filename="../../kiosk/wording.py" line="96" />
            <source>打印机故障，您的申请已保存，请到服务台领取回执</source>
            <translation>Printer fault; your application is saved, collect the receipt at the counter</translation>
        </message>
        <message>
            <location filename="../../kiosk/wording.py" line="96" />
            <source>回执打印失败，您的申请已保存，请到服务台领取回执</source>
            <translation>The receipt could not be printed. Your application is saved; please collect your receipt at the service counter</translation>
        </message>
        <message>
            <location filename="../../kiosk/wording.py" line="102" />
            <source>您的申请已送达政务服务中心。</source>
            <translation>Your application has reached the Government Service Centre.</translation>
        </message>
        <message>
            <location filename="../../kiosk/wording.py" line="103" />
            <source>网络暂时中断，您的申请已安全保存，联网后将自动发送，无需再跑一次。</source>
            <translation>The network is down for now. Your application is saved safely and will be sent automatically when the network is back. You do not need to come again.</translation>
        </message>
        <message>
            <location filename="../../kiosk/wording.py" line="111" />
            <source>暂时无法提交，请稍后重试或联系工作人员</source>
            <translation>Cannot submit right now. Please try again later or ask a member of staff</translation>
        </message>
        <message>
            <source>申请编号：%1</source>
            <translation type="vanished">Application number: %1</translation>
        </message>
        <message>
            <source>各部门将并联审批，结果将以短信通知。凭回执上的二维码可随时查询办理进度。
请带走您的身份证和回执。</source>
            <translation type="vanished">The departments will check your application at the same time and tell you the result by text message. Scan the QR code on your receipt at any time to see the progress.
Please take your ID card and your receipt with you.</translation>
        </message>
        <message>
            <source>没带身份证？扫描随申办二维码</source>
            <translation type="vanished">No ID card with you? Scan your Suishenban app code</translation>
        </message>
        <message>
            <source>改用身份证</source>
            <translation type="vanished">Use my ID card instead</translation>
        </message>
        <message>
            <source>请重新出示二维码</source>
            <translation type="vanished">Please show the QR code again</translation>
        </message>
    </context>
</TS>
