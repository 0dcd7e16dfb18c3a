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
            <location filename="../../kiosk/screens/licence.py" line="49" />
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
            <location filename="../../kiosk/window.py" line="216" />
            <location filename="../../kiosk/window.py" line="228" />
            <source>办事清单</source>
            <translation>Checklist</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/checklist.py" line="27" />
            <source>全选</source>
            <translation>Select all</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/checklist.py" line="28" />
            <source>打印清单</source>
            <translation>Print the checklist</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/checklist.py" line="50" />
            <source>本次一并办理 %1 个事项，并联审批，最长 %2 个工作日；需提交材料 %3 份</source>
            <translation>%1 applications handled together, all checked at the same time, within %2 working days at most. Documents to hand in: %3</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/checklist.py" line="53" />
            <source>办理事项</source>
            <translation>What will be done for you</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/checklist.py" line="58" />
            <source>%1 个工作日</source>
            <translation>%1 working days</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/checklist.py" line="60" />
            <source>申请材料</source>
            <translation>Documents</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/checklist.py" line="87" />
            <source>正在打印清单…</source>
            <translation>Printing the checklist…</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/checklist.py" line="94" />
            <source>清单打印失败，可在提交后随回执一并打印</source>
            <translation>The checklist could not be printed; it will be on your receipt after you submit</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/checklist.py" line="96" />
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
            <source>邮寄地址（已按您的档案预填，可修改）：</source>
            <translation>Delivery address (filled in from your records, you can change it):</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/delivery.py" line="35" />
            <source>邮寄地址</source>
            <translation>Delivery address</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/delivery.py" line="40" />
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
            <location filename="../../kiosk/window.py" line="216" />
            <location filename="../../kiosk/window.py" line="228" />
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
            <location filename="../../kiosk/screens/licence.py" line="48" />
            <location filename="../../kiosk/window.py" line="216" />
            <location filename="../../kiosk/window.py" line="228" />
            <source>营业执照</source>
            <translation>Business licence</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/licence.py" line="61" />
            <source>扫描不成功？也可以手动输入18位统一社会信用代码：</source>
            <translation>Scan not working? You can also type the 18-character unified social credit code:</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/licence.py" line="69" />
            <source>统一社会信用代码</source>
            <translation>Unified social credit code</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/licence.py" line="78" />
            <source>使用输入的代码</source>
            <translation>Use this code</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/licence.py" line="92" />
            <source>演示：出示执照</source>
            <translation>Demo: show a licence</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/licence.py" line="94" />
            <source>样例%1</source>
            <translation>Sample %1</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/licence.py" line="96" />
            <source>无效二维码</source>
            <translation>Invalid QR code</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/licence.py" line="109" />
            <source>本机未配置摄像头，请手动输入统一社会信用代码</source>
            <translation>This kiosk has no camera. Please type the unified social credit code</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/licence.py" line="153" />
            <source>未识别到营业执照二维码，请出示营业执照正本或副本上的二维码</source>
            <translation>No business licence QR code found. Please show the QR code on the original or a copy of your licence</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/licence.py" line="160" />
            <source>摄像头暂时无法使用，请手动输入</source>
            <translation>The camera is not working right now. Please type the code instead</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/screens/licence.py" line="167" />
            <source>还差 %n 位</source>
            <translation>
                <numerusform>%n more character</numerusform>
                <numerusform>%n more characters</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/licence.py" line="169" />
            <source>✓ 代码有效</source>
            <translation>✓ Code is valid</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/licence.py" line="169" />
            <source>✗ 校验位不符</source>
            <translation>✗ This code is not valid, please check it</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/questions.py" line="31" />
            <location filename="../../kiosk/window.py" line="216" />
            <location filename="../../kiosk/window.py" line="228" />
            <source>主体业态</source>
            <translation>Your business</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/questions.py" line="31" />
            <location filename="../../kiosk/window.py" line="216" />
            <location filename="../../kiosk/window.py" line="228" />
            <source>情形判断</source>
            <translation>Your situation</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/questions.py" line="33" />
            <source>请选择您的经营主体和业态</source>
            <translation>Tell us about your business</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/questions.py" line="33" />
            <source>请根据实际情况回答以下问题</source>
            <translation>Please answer these questions about your plans</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/questions.py" line="127" />
            <location filename="../../kiosk/screens/review.py" line="172" />
            <source>是</source>
            <translation>Yes</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/questions.py" line="127" />
            <location filename="../../kiosk/screens/review.py" line="172" />
            <source>否</source>
            <translation>No</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/review.py" line="30" />
            <source>多表合一 · 请核对</source>
            <translation>Check your answers · one form for everything</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/review.py" line="40" />
            <source>确认无误</source>
            <translation>All correct</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/review.py" line="41" />
            <source>下一个待填项</source>
            <translation>Next field to fill</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/review.py" line="69" />
            <source>共 %1 项，本次为您免填 %2 项，还需填写 %3 项</source>
            <translation>%1 items in total: we filled in %2 for you, %3 still to fill in</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/review.py" line="132" />
            <source>请填写</source>
            <translation>Please fill in</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/review.py" line="178" />
            <source>请选择</source>
            <translation>Please choose</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/review.py" line="210" />
            <source>%1：%2</source>
            <translation>%1: %2</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/review.py" line="222" />
            <source>下一个待填项（%1）</source>
            <translation>Next field to fill (%1)</translation>
        </message>
        <message>
            <location filename="../../kiosk/screens/review.py" line="223" />
            <location filename="../../kiosk/screens/review.py" line="229" />
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
            <location filename="../../kiosk/window.py" line="80" />
            <location filename="../../kiosk/window.py" line="217" />
            <source>一网通办 · 自助服务终端</source>
            <translation>Government Services · Self-service kiosk</translation>
        </message>
        <message>
            <location filename="../../kiosk/window.py" line="216" />
            <location filename="../../kiosk/window.py" line="228" />
            <source>多表合一</source>
            <translation>Check answers</translation>
        </message>
        <message>
            <location filename="../../kiosk/window.py" line="216" />
            <location filename="../../kiosk/window.py" line="228" />
            <source>配送</source>
            <translation>Delivery</translation>
        </message>
        <message>
            <location filename="../../kiosk/window.py" line="216" />
            <location filename="../../kiosk/window.py" line="228" />
            <source>完成</source>
            <translation>Done</translation>
        </message>
        <message>
            <location filename="../../kiosk/window.py" line="230" />
            <source>重听</source>
            <translation>Repeat</translation>
        </message>
        <message>
            <location filename="../../kiosk/window.py" line="231" />
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
