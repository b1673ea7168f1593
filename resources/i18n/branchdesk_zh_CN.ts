<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>About</name>
    <message>
        <location filename="../../ui/dialogs/about_dialog.py" line="29"/>
        <source>About BranchDesk</source>
        <translation>关于 BranchDesk</translation>
    </message>
</context>
<context>
    <name>CallLogModel</name>
    <message>
        <location filename="../../ui/models/call_log_model.py" line="196"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/models/call_log_model.py" line="197"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../ui/models/call_log_model.py" line="198"/>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../../ui/models/call_log_model.py" line="199"/>
        <source>Purpose</source>
        <translation>联系目的</translation>
    </message>
    <message>
        <location filename="../../ui/models/call_log_model.py" line="200"/>
        <source>Outcome</source>
        <translation>联系结果</translation>
    </message>
    <message>
        <location filename="../../ui/models/call_log_model.py" line="201"/>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <location filename="../../ui/models/call_log_model.py" line="202"/>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../ui/models/call_log_model.py" line="203"/>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location filename="../../ui/models/call_log_model.py" line="204"/>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../../ui/models/call_log_model.py" line="251"/>
        <source>No satisfaction score</source>
        <translation>未评满意度</translation>
    </message>
    <message>
        <location filename="../../ui/models/call_log_model.py" line="252"/>
        <source>Satisfaction %1 of 5</source>
        <translation>满意度 %1 分（满分 5 分）</translation>
    </message>
    <message>
        <location filename="../../ui/models/call_log_model.py" line="262"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>CallLogPane</name>
    <message>
        <location filename="../../ui/panes/call_log_pane.py" line="64"/>
        <source>&amp;Log a call…</source>
        <translation>记录联系(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../ui/panes/call_log_pane.py" line="65"/>
        <source>Log a call with this customer (%1)</source>
        <translation>记录与该客户的联系（%1）</translation>
    </message>
    <message>
        <location filename="../../ui/panes/call_log_pane.py" line="74"/>
        <source>Selected call</source>
        <translation>所选联系记录</translation>
    </message>
    <message>
        <location filename="../../ui/panes/call_log_pane.py" line="75"/>
        <source>Select a call to read its full summary and next step.</source>
        <translation>选择一条联系记录，可查看完整摘要和下一步。</translation>
    </message>
    <message>
        <location filename="../../ui/panes/call_log_pane.py" line="88"/>
        <source>Calls</source>
        <translation>联系记录</translation>
    </message>
    <message>
        <location filename="../../ui/panes/call_log_pane.py" line="119"/>
        <source>Calls with %1</source>
        <translation>与%1的联系记录</translation>
    </message>
    <message>
        <location filename="../../ui/panes/call_log_pane.py" line="133"/>
        <source>Call log</source>
        <translation>联系记录</translation>
    </message>
    <message>
        <location filename="../../ui/panes/call_log_pane.py" line="136"/>
        <source>Select a customer to see their calls.</source>
        <translation>请选择客户以查看其联系记录。</translation>
    </message>
    <message>
        <location filename="../../ui/panes/call_log_pane.py" line="160"/>
        <source>No calls logged with %1 yet.</source>
        <translation>暂无与%1的联系记录。</translation>
    </message>
    <message>
        <location filename="../../ui/panes/call_log_pane.py" line="194"/>
        <source>Summary (%1):</source>
        <translation>摘要（%1）：</translation>
    </message>
    <message>
        <location filename="../../ui/panes/call_log_pane.py" line="195"/>
        <source>(no summary)</source>
        <translation>（无摘要）</translation>
    </message>
    <message>
        <location filename="../../ui/panes/call_log_pane.py" line="198"/>
        <source>Next step:</source>
        <translation>下一步：</translation>
    </message>
</context>
<context>
    <name>CardDialog</name>
    <message>
        <location filename="../../ui/panes/cards_box.py" line="50"/>
        <source>Edit card</source>
        <translation>编辑卡片</translation>
    </message>
    <message>
        <location filename="../../ui/panes/cards_box.py" line="50"/>
        <source>Add card</source>
        <translation>添加卡片</translation>
    </message>
    <message>
        <location filename="../../ui/panes/cards_box.py" line="60"/>
        <source>Not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <location filename="../../ui/panes/cards_box.py" line="66"/>
        <source>Automatic (from the activation date)</source>
        <translation>自动（根据激活日期）</translation>
    </message>
    <message>
        <location filename="../../ui/panes/cards_box.py" line="72"/>
        <source>&amp;Product:</source>
        <translation>卡种(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../ui/panes/cards_box.py" line="73"/>
        <source>&amp;Last four digits:</source>
        <translation>卡号后四位(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../ui/panes/cards_box.py" line="74"/>
        <source>Credit &amp;limit (yuan):</source>
        <translation>信用额度（元）(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../ui/panes/cards_box.py" line="75"/>
        <source>&amp;Open date:</source>
        <translation>发卡日期(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../ui/panes/cards_box.py" line="76"/>
        <source>&amp;Activation date:</source>
        <translation>激活日期(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../ui/panes/cards_box.py" line="77"/>
        <source>&amp;Status:</source>
        <translation>状态(&amp;S)：</translation>
    </message>
</context>
<context>
    <name>CardsBox</name>
    <message>
        <location filename="../../ui/panes/cards_box.py" line="167"/>
        <source>Cards held</source>
        <translation>持有卡片</translation>
    </message>
    <message>
        <location filename="../../ui/panes/cards_box.py" line="178"/>
        <source>Product</source>
        <translation>卡种</translation>
    </message>
    <message>
        <location filename="../../ui/panes/cards_box.py" line="178"/>
        <source>Last four</source>
        <translation>卡号后四位</translation>
    </message>
    <message>
        <location filename="../../ui/panes/cards_box.py" line="178"/>
        <source>Credit limit</source>
        <translation>信用额度</translation>
    </message>
    <message>
        <location filename="../../ui/panes/cards_box.py" line="178"/>
        <source>Opened</source>
        <translation>发卡日期</translation>
    </message>
    <message>
        <location filename="../../ui/panes/cards_box.py" line="179"/>
        <source>Activated</source>
        <translation>激活日期</translation>
    </message>
    <message>
        <location filename="../../ui/panes/cards_box.py" line="179"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/panes/cards_box.py" line="189"/>
        <source>Add &amp;card</source>
        <translation>添加卡片(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/panes/cards_box.py" line="190"/>
        <source>&amp;Edit card</source>
        <translation>编辑卡片(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/panes/cards_box.py" line="191"/>
        <source>Remo&amp;ve card</source>
        <translation>删除卡片(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/panes/cards_box.py" line="215"/>
        <source>No cards recorded.</source>
        <translation>暂无卡片记录。</translation>
    </message>
    <message>
        <location filename="../../ui/panes/cards_box.py" line="282"/>
        <source>Remove the card %1 ending in %2? Only cards recorded by mistake should be removed.</source>
        <translation>确定删除%1（尾号 %2）吗？仅误录的卡片才应删除。</translation>
    </message>
    <message>
        <location filename="../../ui/panes/cards_box.py" line="285"/>
        <source>Remove card</source>
        <translation>删除卡片</translation>
    </message>
</context>
<context>
    <name>ConflictWording</name>
    <message>
        <location filename="../../ui/conflict_wording.py" line="42"/>
        <source>Changed on both sides: the other edit was kept</source>
        <translation>两处都修改了：保留了另一处的修改</translation>
    </message>
    <message>
        <location filename="../../ui/conflict_wording.py" line="44"/>
        <source>Deleted on another device</source>
        <translation>已在其他设备上删除</translation>
    </message>
    <message>
        <location filename="../../ui/conflict_wording.py" line="46"/>
        <source>The customer was reassigned to another manager</source>
        <translation>客户已改派给其他客户经理</translation>
    </message>
    <message>
        <location filename="../../ui/conflict_wording.py" line="48"/>
        <source>Added again on another device</source>
        <translation>已在其他设备上重新添加</translation>
    </message>
    <message>
        <location filename="../../ui/conflict_wording.py" line="50"/>
        <source>Refused by the server: %1</source>
        <translation>服务器拒绝了此修改：%1</translation>
    </message>
    <message>
        <location filename="../../ui/conflict_wording.py" line="74"/>
        <source>%1 (whole record)</source>
        <translation>%1（整条记录）</translation>
    </message>
    <message>
        <location filename="../../ui/conflict_wording.py" line="88"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <location filename="../../ui/conflict_wording.py" line="91"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/conflict_wording.py" line="93"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/conflict_wording.py" line="115"/>
        <source>this laptop</source>
        <translation>本机</translation>
    </message>
    <message>
        <location filename="../../ui/conflict_wording.py" line="117"/>
        <source>another device</source>
        <translation>其他设备</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <location filename="../../ui/dialogs/conflicts_dialog.py" line="46"/>
        <source>Sync conflicts</source>
        <translation>同步冲突</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflicts_dialog.py" line="50"/>
        <source>These edits did not land as made, because the same record was changed elsewhere too. “Use mine” enters the value not kept again, as a new edit; “Keep” accepts the value that stands.</source>
        <translation>以下修改未按原样生效，因为同一记录也在别处被修改。“使用我的值”会把未保留的值作为一次新修改重新填入；“保留”则接受当前生效的值。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflicts_dialog.py" line="60"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflicts_dialog.py" line="61"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflicts_dialog.py" line="62"/>
        <source>Value kept</source>
        <translation>保留的值</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflicts_dialog.py" line="63"/>
        <source>Value not kept</source>
        <translation>未保留的值</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflicts_dialog.py" line="64"/>
        <source>Kept: when, where</source>
        <translation>保留的修改：时间、设备</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflicts_dialog.py" line="65"/>
        <source>Not kept: when, where</source>
        <translation>未保留的修改：时间、设备</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflicts_dialog.py" line="66"/>
        <source>What happened</source>
        <translation>情况</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflicts_dialog.py" line="75"/>
        <source>No open conflicts: every edit landed as made.</source>
        <translation>没有待处理的冲突：所有修改均已按原样生效。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflicts_dialog.py" line="82"/>
        <source>&amp;Use mine</source>
        <translation>使用我的值(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflicts_dialog.py" line="83"/>
        <source>Enter the value not kept again, as a new edit</source>
        <translation>将未保留的值作为一次新修改重新填入</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflicts_dialog.py" line="84"/>
        <source>&amp;Keep</source>
        <translation>保留(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflicts_dialog.py" line="85"/>
        <source>The value that stands is right: close this conflict</source>
        <translation>当前生效的值是对的：关闭此冲突</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflicts_dialog.py" line="156"/>
        <source>(no longer on this laptop)</source>
        <translation>（已不在本机）</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <location filename="../../ui/dialogs/connect_dialog.py" line="33"/>
        <source>Connect to the sync server</source>
        <translation>连接同步服务器</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connect_dialog.py" line="37"/>
        <source>Your customers stay on this computer and work offline; connected, your changes also reach the server and your other computers. The password is not stored.</source>
        <translation>客户资料保存在本机，离线也能照常工作；连接后，您的修改还会发送到服务器和您的其他电脑。密码不会被保存。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connect_dialog.py" line="46"/>
        <source>&amp;Server address:</source>
        <translation>服务器地址(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connect_dialog.py" line="48"/>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connect_dialog.py" line="50"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connect_dialog.py" line="52"/>
        <source>Optional: the bank&apos;s CA certificate (.pem)</source>
        <translation>可选：银行的 CA 证书（.pem）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connect_dialog.py" line="53"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connect_dialog.py" line="58"/>
        <source>&amp;CA file:</source>
        <translation>CA 证书(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connect_dialog.py" line="66"/>
        <source>C&amp;onnect</source>
        <translation>连接(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connect_dialog.py" line="75"/>
        <source>Please enter the server&apos;s address.</source>
        <translation>请输入服务器地址。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connect_dialog.py" line="76"/>
        <source>Please enter your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connect_dialog.py" line="77"/>
        <source>Please enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connect_dialog.py" line="85"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connect_dialog.py" line="109"/>
        <source>The bank&apos;s CA certificate</source>
        <translation>银行的 CA 证书</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connect_dialog.py" line="111"/>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>证书 (*.pem *.crt *.cer);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>CustomerDetailPane</name>
    <message>
        <location filename="../../ui/panes/customer_detail_pane.py" line="159"/>
        <source>&amp;New customer</source>
        <translation>新建客户(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_detail_pane.py" line="160"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_detail_pane.py" line="161"/>
        <source>&amp;Revert</source>
        <translation>撤销修改(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_detail_pane.py" line="162"/>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_detail_pane.py" line="164"/>
        <source>Start a new customer (Ctrl+N)</source>
        <translation>新建客户（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_detail_pane.py" line="165"/>
        <source>Save the changes (Ctrl+S)</source>
        <translation>保存修改（Ctrl+S）</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_detail_pane.py" line="169"/>
        <source>Undo all unsaved changes (Ctrl+Z outside a text field)</source>
        <translation>撤销所有未保存的修改（在文本框外按 Ctrl+Z）</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_detail_pane.py" line="171"/>
        <source>Delete this customer (Ctrl+Del)</source>
        <translation>删除该客户（Ctrl+Del）</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_detail_pane.py" line="214"/>
        <location filename="../../ui/panes/customer_detail_pane.py" line="351"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_detail_pane.py" line="221"/>
        <source>No customer selected.</source>
        <translation>未选择客户。</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_detail_pane.py" line="229"/>
        <source>New customer</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_detail_pane.py" line="232"/>
        <source>Save the new customer first, then add cards and tags.</source>
        <translation>请先保存新客户，再添加卡片和标签。</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_detail_pane.py" line="279"/>
        <source>never</source>
        <translation>暂无</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_detail_pane.py" line="280"/>
        <source>Last contact: %1</source>
        <translation>最近联系：%1</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_detail_pane.py" line="282"/>
        <source>none planned</source>
        <translation>未安排</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_detail_pane.py" line="284"/>
        <source>%1 (overdue)</source>
        <translation>%1（已逾期）</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_detail_pane.py" line="285"/>
        <source>Next revisit: %1</source>
        <translation>下次回访：%1</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_detail_pane.py" line="341"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_detail_pane.py" line="356"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_detail_pane.py" line="363"/>
        <source>Not saved: please correct the marked field.</source>
        <translation>未保存：请修正标出的字段。</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_detail_pane.py" line="383"/>
        <source>Delete the customer %1? Their open reminders are cancelled; contact records are kept.</source>
        <translation>确定删除客户%1吗？其未完成的提醒将被取消，联系记录会保留。</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_detail_pane.py" line="387"/>
        <source>Delete customer</source>
        <translation>删除客户</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_detail_pane.py" line="391"/>
        <source>Deleting…</source>
        <translation>正在删除…</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_detail_pane.py" line="417"/>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_detail_pane.py" line="418"/>
        <source>Discard the changes you have not saved?</source>
        <translation>放弃尚未保存的修改吗？</translation>
    </message>
</context>
<context>
    <name>CustomerFilterBar</name>
    <message>
        <location filename="../../ui/panes/filter_bar.py" line="102"/>
        <source>Revisit overdue</source>
        <translation>回访逾期</translation>
    </message>
    <message>
        <location filename="../../ui/panes/filter_bar.py" line="103"/>
        <source>Only customers whose revisit is overdue</source>
        <translation>仅显示回访已逾期的客户</translation>
    </message>
    <message>
        <location filename="../../ui/panes/filter_bar.py" line="104"/>
        <source>Birthday in 7 days</source>
        <translation>7 天内生日</translation>
    </message>
    <message>
        <location filename="../../ui/panes/filter_bar.py" line="105"/>
        <source>Only customers whose birthday is within the next 7 days</source>
        <translation>仅显示未来 7 天内过生日的客户</translation>
    </message>
    <message>
        <location filename="../../ui/panes/filter_bar.py" line="106"/>
        <source>No contact 30+ days</source>
        <translation>30 天以上未联系</translation>
    </message>
    <message>
        <location filename="../../ui/panes/filter_bar.py" line="107"/>
        <source>Only customers not contacted for 30 days or more</source>
        <translation>仅显示 30 天及以上未联系的客户</translation>
    </message>
    <message>
        <location filename="../../ui/panes/filter_bar.py" line="108"/>
        <source>Risk flag</source>
        <translation>风险标记</translation>
    </message>
    <message>
        <location filename="../../ui/panes/filter_bar.py" line="109"/>
        <source>Only customers with a risk flag (overdue repayment, unusual card use, dormant card)</source>
        <translation>仅显示有风险标记的客户（逾期还款、异常用卡、睡眠卡）</translation>
    </message>
    <message>
        <location filename="../../ui/panes/filter_bar.py" line="112"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location filename="../../ui/panes/filter_bar.py" line="115"/>
        <source>Show every customer again (Alt+0)</source>
        <translation>重新显示全部客户（Alt+0）</translation>
    </message>
    <message>
        <location filename="../../ui/panes/filter_bar.py" line="150"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../../ui/panes/filter_bar.py" line="157"/>
        <source>No tags yet</source>
        <translation>暂无标签</translation>
    </message>
    <message>
        <location filename="../../ui/panes/filter_bar.py" line="209"/>
        <source>T&amp;ier</source>
        <translation>客户层级(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/panes/filter_bar.py" line="209"/>
        <source>T&amp;ier (%1)</source>
        <translation>客户层级（%1）(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/panes/filter_bar.py" line="210"/>
        <source>&amp;Lifecycle</source>
        <translation>生命周期(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/panes/filter_bar.py" line="210"/>
        <source>&amp;Lifecycle (%1)</source>
        <translation>生命周期（%1）(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/panes/filter_bar.py" line="211"/>
        <source>Ta&amp;gs</source>
        <translation>标签(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/panes/filter_bar.py" line="211"/>
        <source>Ta&amp;gs (%1)</source>
        <translation>标签（%1）(&amp;G)</translation>
    </message>
</context>
<context>
    <name>CustomerForm</name>
    <message>
        <location filename="../../ui/panes/customer_form.py" line="65"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_form.py" line="65"/>
        <source>No&amp;tes:</source>
        <translation>备注(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_form.py" line="68"/>
        <location filename="../../ui/panes/customer_form.py" line="90"/>
        <source>Not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_form.py" line="70"/>
        <source>Identity</source>
        <translation>身份信息</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_form.py" line="71"/>
        <source>Na&amp;me:</source>
        <translation>姓名(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_form.py" line="72"/>
        <source>&amp;Gender:</source>
        <translation>性别(&amp;G)：</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_form.py" line="73"/>
        <source>&amp;Birth date:</source>
        <translation>出生日期(&amp;B)：</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_form.py" line="74"/>
        <source>&amp;ID number:</source>
        <translation>身份证号(&amp;I)：</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_form.py" line="76"/>
        <source>Contact</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_form.py" line="77"/>
        <source>M&amp;obile:</source>
        <translation>手机号(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_form.py" line="78"/>
        <source>E-mai&amp;l:</source>
        <translation>电子邮件(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_form.py" line="79"/>
        <source>&amp;WeChat ID:</source>
        <translation>微信号(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_form.py" line="80"/>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_form.py" line="82"/>
        <source>Work</source>
        <translation>工作信息</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_form.py" line="83"/>
        <source>Occ&amp;upation:</source>
        <translation>职业(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_form.py" line="84"/>
        <source>Em&amp;ployer:</source>
        <translation>工作单位(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_form.py" line="85"/>
        <source>Income band:</source>
        <translation>月收入区间：</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_form.py" line="91"/>
        <source>No limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_form.py" line="93"/>
        <source>Relationship</source>
        <translation>客户关系</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_form.py" line="94"/>
        <source>&amp;Tier:</source>
        <translation>客户层级(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_form.py" line="95"/>
        <source>Li&amp;fecycle stage:</source>
        <translation>生命周期(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_form.py" line="96"/>
        <source>Preferred c&amp;hannel:</source>
        <translation>偏好渠道(&amp;H)：</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_form.py" line="98"/>
        <source>Contact limits</source>
        <translation>联系限制</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_form.py" line="99"/>
        <source>Do not contact (&amp;X)</source>
        <translation>禁止联系(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_form.py" line="100"/>
        <source>Earliest contact time:</source>
        <translation>最早联系时间：</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_form.py" line="101"/>
        <source>Latest contact time:</source>
        <translation>最晚联系时间：</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_form.py" line="102"/>
        <source>Contacts per week at most:</source>
        <translation>每周最多联系次数：</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_form.py" line="104"/>
        <source>Consent and risk</source>
        <translation>授权与风险</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_form.py" line="105"/>
        <source>Mar&amp;keting consent given</source>
        <translation>已获营销授权(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_form.py" line="106"/>
        <source>Consent date:</source>
        <translation>授权日期：</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_form.py" line="107"/>
        <source>Risk flags:</source>
        <translation>风险标记：</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_form.py" line="156"/>
        <source>Given on %1</source>
        <translation>授权于 %1</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_form.py" line="158"/>
        <source>Not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_form.py" line="169"/>
        <source>Recorded when saved with consent</source>
        <translation>勾选授权并保存后记录</translation>
    </message>
</context>
<context>
    <name>CustomerListModel</name>
    <message>
        <location filename="../../ui/models/customer_list_model.py" line="232"/>
        <source>This column cannot be sorted</source>
        <translation>此列不支持排序</translation>
    </message>
    <message>
        <location filename="../../ui/models/customer_list_model.py" line="238"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/models/customer_list_model.py" line="239"/>
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location filename="../../ui/models/customer_list_model.py" line="240"/>
        <source>Tier</source>
        <translation>客户层级</translation>
    </message>
    <message>
        <location filename="../../ui/models/customer_list_model.py" line="241"/>
        <source>Lifecycle</source>
        <translation>生命周期</translation>
    </message>
    <message>
        <location filename="../../ui/models/customer_list_model.py" line="242"/>
        <source>Last contact</source>
        <translation>最近联系</translation>
    </message>
    <message>
        <location filename="../../ui/models/customer_list_model.py" line="243"/>
        <source>Next revisit</source>
        <translation>下次回访</translation>
    </message>
    <message>
        <location filename="../../ui/models/customer_list_model.py" line="244"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../ui/models/customer_list_model.py" line="291"/>
        <source>Risk: %1</source>
        <translation>风险：%1</translation>
    </message>
    <message>
        <location filename="../../ui/models/customer_list_model.py" line="293"/>
        <source>Do not contact</source>
        <translation>禁止联系</translation>
    </message>
    <message>
        <location filename="../../ui/models/customer_list_model.py" line="307"/>
        <source>Revisit overdue since %1</source>
        <translation>自 %1 起回访逾期</translation>
    </message>
</context>
<context>
    <name>CustomerListPane</name>
    <message>
        <location filename="../../ui/panes/customer_list_pane.py" line="104"/>
        <source>Search by name, pinyin initials, phone or ID tail</source>
        <translation>按姓名、拼音首字母、电话或身份证号后几位搜索</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_list_pane.py" line="107"/>
        <source>Search customers</source>
        <translation>搜索客户</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_list_pane.py" line="112"/>
        <source>&amp;Quick search:</source>
        <translation>快速搜索(&amp;Q)：</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_list_pane.py" line="136"/>
        <source>Customers</source>
        <translation>客户列表</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_list_pane.py" line="205"/>
        <source>Columns</source>
        <translation>显示列</translation>
    </message>
    <message>
        <location filename="../../ui/panes/customer_list_pane.py" line="263"/>
        <source>%1 of %2 customers</source>
        <translation>显示 %1 位，共 %2 位客户</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/errors.py" line="16"/>
        <source>Something went wrong and nothing was saved. Please try again. (%1)</source>
        <translation>操作出错，未保存任何内容，请重试。（%1）</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="23"/>
        <source>BranchDesk</source>
        <translation>BranchDesk</translation>
    </message>
</context>
<context>
    <name>ExportListDialog</name>
    <message>
        <location filename="../../ui/dialogs/export_list_dialog.py" line="36"/>
        <location filename="../../ui/dialogs/export_list_dialog.py" line="61"/>
        <source>Export customer list</source>
        <translation>导出客户名单</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_list_dialog.py" line="39"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_list_dialog.py" line="44"/>
        <source>Include full mobile and ID numbers (recorded in the audit trail)</source>
        <translation>包含完整的手机号和身份证号（将记入审计日志）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_list_dialog.py" line="49"/>
        <source>Export %1 customers</source>
        <translation>导出 %1 位客户</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_list_dialog.py" line="54"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_list_dialog.py" line="61"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>ExportRun</name>
    <message>
        <location filename="../../ui/dialogs/export_run.py" line="42"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ExportWeeklyDialog</name>
    <message>
        <location filename="../../ui/dialogs/export_weekly_dialog.py" line="41"/>
        <location filename="../../ui/dialogs/export_weekly_dialog.py" line="97"/>
        <source>Export weekly review</source>
        <translation>导出周报</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_weekly_dialog.py" line="47"/>
        <source>%1  (this week, so far)</source>
        <translation>%1（本周，截至目前）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_weekly_dialog.py" line="52"/>
        <source>My customers (%1)</source>
        <translation>我的客户（%1）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_weekly_dialog.py" line="56"/>
        <source>The whole branch (every manager)</source>
        <translation>全网点（所有客户经理）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_weekly_dialog.py" line="63"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_weekly_dialog.py" line="68"/>
        <source>Mobile and ID numbers are masked; the export is recorded in the audit trail.</source>
        <translation>手机号和身份证号已脱敏；本次导出将记入审计日志。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_weekly_dialog.py" line="73"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_weekly_dialog.py" line="77"/>
        <source>Week:</source>
        <translation>周次：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_weekly_dialog.py" line="78"/>
        <source>Whose figures:</source>
        <translation>统计范围：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_weekly_dialog.py" line="79"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_weekly_dialog.py" line="97"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../ui/dialogs/first_run_dialog.py" line="37"/>
        <source>Welcome to BranchDesk</source>
        <translation>欢迎使用 BranchDesk</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run_dialog.py" line="42"/>
        <source>BranchDesk keeps your customers in an encrypted database on this computer.</source>
        <translation>BranchDesk 将您的客户资料保存在本机的加密数据库中。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run_dialog.py" line="44"/>
        <source>Its key is kept in the system keyring.</source>
        <translation>数据库密钥保存在系统密钥环中。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run_dialog.py" line="47"/>
        <source>Choose a passphrase of at least 8 characters; it is needed to open BranchDesk. If it is lost, the data on this computer cannot be recovered.</source>
        <translation>请设置至少 8 个字符的口令，打开 BranchDesk 时需要输入。口令一旦遗失，本机数据将无法恢复。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run_dialog.py" line="54"/>
        <source>Your &amp;name:</source>
        <translation>您的姓名(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run_dialog.py" line="58"/>
        <source>&amp;Passphrase:</source>
        <translation>口令(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run_dialog.py" line="59"/>
        <source>&amp;Repeat passphrase:</source>
        <translation>确认口令(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run_dialog.py" line="67"/>
        <source>&amp;Create profile</source>
        <translation>创建配置文件(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run_dialog.py" line="76"/>
        <source>Please enter your name.</source>
        <translation>请输入您的姓名。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run_dialog.py" line="83"/>
        <source>The passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run_dialog.py" line="87"/>
        <source>Creating the encrypted profile…</source>
        <translation>正在创建加密配置文件…</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="58"/>
        <location filename="../../ui/dialogs/import_dialog.py" line="260"/>
        <source>Import head-office list</source>
        <translation>导入总行客户名单</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="60"/>
        <source>%1 rows</source>
        <translation>%1 行</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="62"/>
        <source>sheet %1</source>
        <translation>工作表 %1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="68"/>
        <source>Check what each column holds. Columns set to “Not imported” are left out. Rows whose ID number (else mobile) is already in your book update that customer.</source>
        <translation>请核对每一列的内容。设为“不导入”的列将被忽略。身份证号（无则手机号）与已有客户相同的行会更新该客户，不会重复建档。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="77"/>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="77"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="77"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="86"/>
        <source>Save report…</source>
        <translation>保存报告…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="87"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="113"/>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="113"/>
        <source>Examples</source>
        <translation>示例</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="113"/>
        <source>Import as</source>
        <translation>导入为</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="124"/>
        <source>Not imported</source>
        <translation>不导入</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="154"/>
        <location filename="../../ui/dialogs/import_dialog.py" line="164"/>
        <source>Checking every row…</source>
        <translation>正在逐行检查…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="172"/>
        <source>Ready: %1 new customers, %2 updated, %3 unchanged, %4 rows rejected.</source>
        <translation>检查完成：新建 %1 位客户，更新 %2 位，%3 位无变化，%4 行未通过校验。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="204"/>
        <source>Save report</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="204"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="262"/>
        <source>Customer lists (*.xlsx *.csv *.txt);;All files (*)</source>
        <translation>客户名单 (*.xlsx *.csv *.txt);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>ImportRun</name>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="237"/>
        <source>Importing customers…</source>
        <translation>正在导入客户…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="249"/>
        <source>Imported: %1 created, %2 updated, %3 rejected</source>
        <translation>导入完成：新建 %1 位，更新 %2 位，%3 行未导入</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../desktop/labels.py" line="11"/>
        <source>Private banking</source>
        <translation>私人银行</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="12"/>
        <source>High value</source>
        <translation>高价值</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="13"/>
        <source>Standard</source>
        <translation>普通</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="14"/>
        <source>Young</source>
        <translation>年轻客群</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="15"/>
        <source>Basic</source>
        <translation>基础</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="22"/>
        <source>Prospect</source>
        <translation>潜在客户</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="23"/>
        <source>Applied</source>
        <translation>已申请</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="24"/>
        <source>New</source>
        <translation>新户</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="25"/>
        <location filename="../../desktop/labels.py" line="127"/>
        <source>Active</source>
        <translation>活跃</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="26"/>
        <location filename="../../desktop/labels.py" line="128"/>
        <source>Dormant</source>
        <translation>睡眠</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="27"/>
        <source>Churn risk</source>
        <translation>流失风险</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="28"/>
        <location filename="../../desktop/labels.py" line="130"/>
        <source>Closed</source>
        <translation>销户</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="35"/>
        <location filename="../../ui/self_check.py" line="40"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="36"/>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="37"/>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="38"/>
        <source>Visit</source>
        <translation>面访</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="39"/>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="46"/>
        <source>Activation follow-up</source>
        <translation>激活回访</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="47"/>
        <location filename="../../desktop/labels.py" line="84"/>
        <source>Periodic revisit</source>
        <translation>定期回访</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="48"/>
        <source>Product offer</source>
        <translation>产品营销</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="49"/>
        <source>Complaint handling</source>
        <translation>投诉处理</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="50"/>
        <source>Repayment reminder</source>
        <translation>还款提醒</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="51"/>
        <source>Birthday greeting</source>
        <translation>生日祝福</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="52"/>
        <location filename="../../desktop/labels.py" line="86"/>
        <source>Holiday greeting</source>
        <translation>节日问候</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="53"/>
        <source>Care</source>
        <translation>关怀</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="54"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="61"/>
        <source>Reached</source>
        <translation>已联系上</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="62"/>
        <source>No answer</source>
        <translation>未接通</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="63"/>
        <source>Call back</source>
        <translation>需回电</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="64"/>
        <source>Interested</source>
        <translation>有意向</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="65"/>
        <source>Declined</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="66"/>
        <source>Complaint raised</source>
        <translation>客户投诉</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="73"/>
        <source>Outbound</source>
        <translation>呼出</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="74"/>
        <source>Inbound</source>
        <translation>呼入</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="81"/>
        <source>Activation call</source>
        <translation>激活回访</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="82"/>
        <source>Care call</source>
        <translation>关怀回访</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="83"/>
        <source>New customer revisit</source>
        <translation>新户回访</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="85"/>
        <source>Birthday</source>
        <translation>生日祝福</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="87"/>
        <source>Complaint follow-up</source>
        <translation>投诉跟进</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="88"/>
        <source>Dormant card reactivation</source>
        <translation>睡眠卡唤醒</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="89"/>
        <source>Follow-up</source>
        <translation>跟进</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="90"/>
        <source>Reminder</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="97"/>
        <source>Open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="98"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="99"/>
        <source>Snoozed</source>
        <translation>已延后</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="100"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="107"/>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="108"/>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="115"/>
        <source>Under 5,000</source>
        <translation>5,000 元以下</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="116"/>
        <source>5,000–10,000</source>
        <translation>5,000–10,000 元</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="117"/>
        <source>10,000–20,000</source>
        <translation>10,000–20,000 元</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="118"/>
        <source>20,000–50,000</source>
        <translation>20,000–50,000 元</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="119"/>
        <source>Over 50,000</source>
        <translation>50,000 元以上</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="126"/>
        <source>Not activated</source>
        <translation>未激活</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="129"/>
        <source>Frozen</source>
        <translation>冻结</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="137"/>
        <source>Overdue repayment</source>
        <translation>逾期还款</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="138"/>
        <source>Unusual card use</source>
        <translation>异常用卡</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="139"/>
        <source>Dormant card</source>
        <translation>睡眠卡</translation>
    </message>
</context>
<context>
    <name>ListExport</name>
    <message>
        <location filename="../../ui/dialogs/export_list_dialog.py" line="72"/>
        <source>Exporting the customer list…</source>
        <translation>正在导出客户名单…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_list_dialog.py" line="101"/>
        <source>Exported %1 customers to %2</source>
        <translation>已将 %1 位客户导出到 %2</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../ui/lock_screen.py" line="45"/>
        <source>BranchDesk is locked</source>
        <translation>BranchDesk 已锁定</translation>
    </message>
    <message>
        <location filename="../../ui/lock_screen.py" line="48"/>
        <location filename="../../ui/lock_screen.py" line="49"/>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <location filename="../../ui/lock_screen.py" line="52"/>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/lock_screen.py" line="73"/>
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
    <message>
        <location filename="../../ui/lock_screen.py" line="106"/>
        <source>Too many wrong passphrases. Try again in %1 s.</source>
        <translation>口令错误次数过多，请 %1 秒后重试。</translation>
    </message>
</context>
<context>
    <name>LogCallDialog</name>
    <message>
        <location filename="../../ui/dialogs/log_call_dialog.py" line="109"/>
        <source>Log a call with %1</source>
        <translation>记录与%1的联系</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/log_call_dialog.py" line="112"/>
        <source>Log a call with %1 — answering the reminder “%2”</source>
        <translation>记录与%1的联系 — 对应提醒“%2”</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/log_call_dialog.py" line="126"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/log_call_dialog.py" line="128"/>
        <source>Save the call (%1)</source>
        <translation>保存联系记录（%1）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/log_call_dialog.py" line="130"/>
        <source>Close without saving (Esc)</source>
        <translation>不保存并关闭（Esc）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/log_call_dialog.py" line="158"/>
        <source>Press 1–5 to score; 0 or Delete for none</source>
        <translation>按 1–5 评分；按 0 或 Delete 清除评分</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/log_call_dialog.py" line="159"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/log_call_dialog.py" line="160"/>
        <source>— not recorded —</source>
        <translation>— 未记录 —</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/log_call_dialog.py" line="162"/>
        <source>&amp;Channel:</source>
        <translation>渠道(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/log_call_dialog.py" line="163"/>
        <source>&amp;Direction:</source>
        <translation>方向(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/log_call_dialog.py" line="164"/>
        <source>&amp;Purpose:</source>
        <translation>联系目的(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/log_call_dialog.py" line="165"/>
        <source>&amp;Outcome:</source>
        <translation>联系结果(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/log_call_dialog.py" line="166"/>
        <source>Satis&amp;faction:</source>
        <translation>满意度(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/log_call_dialog.py" line="167"/>
        <source>Duration (&amp;minutes):</source>
        <translation>时长（分钟）(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/log_call_dialog.py" line="168"/>
        <source>&amp;Time:</source>
        <translation>时间(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/log_call_dialog.py" line="173"/>
        <source>What was said, what the customer wants</source>
        <translation>沟通内容及客户诉求</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/log_call_dialog.py" line="176"/>
        <source>e.g. send the card&apos;s fee schedule</source>
        <translation>例如：发送该卡的收费标准</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/log_call_dialog.py" line="177"/>
        <source>Next step &amp;at:</source>
        <translation>下一步时间(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/log_call_dialog.py" line="178"/>
        <source>Also create a follow-up reminder at this time</source>
        <translation>同时在该时间创建跟进提醒</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/log_call_dialog.py" line="181"/>
        <source>S&amp;ummary:</source>
        <translation>摘要(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/log_call_dialog.py" line="182"/>
        <source>&amp;Next step:</source>
        <translation>下一步(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/log_call_dialog.py" line="191"/>
        <source>This call completes the &amp;reminder</source>
        <translation>本次联系完成该提醒(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/log_call_dialog.py" line="192"/>
        <location filename="../../ui/dialogs/log_call_dialog.py" line="228"/>
        <source>%1, due %2</source>
        <translation>%1，%2 到期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/log_call_dialog.py" line="196"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/log_call_dialog.py" line="197"/>
        <source>Logging the call completes the reminder chosen here</source>
        <translation>保存联系记录后，此处所选的提醒将标记为完成</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/log_call_dialog.py" line="199"/>
        <source>Completes &amp;reminder:</source>
        <translation>完成提醒(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/log_call_dialog.py" line="230"/>
        <source>%1, due %2 (overdue)</source>
        <translation>%1，%2 到期（已逾期）</translation>
    </message>
</context>
<context>
    <name>MainMenus</name>
    <message>
        <location filename="../../ui/main_menus.py" line="37"/>
        <source>&amp;New customer</source>
        <translation>新建客户(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="44"/>
        <source>&amp;Import head-office list…</source>
        <translation>导入总行名单(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="50"/>
        <source>Export customer &amp;list…</source>
        <translation>导出客户名单(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="56"/>
        <source>&amp;Export weekly review…</source>
        <translation>导出周报(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="60"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="63"/>
        <source>&amp;Find customer</source>
        <translation>查找客户(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="69"/>
        <source>&amp;Log a call…</source>
        <translation>记录联系(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="72"/>
        <source>&amp;Lock</source>
        <translation>锁定(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="76"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="83"/>
        <source>Co&amp;nnect to server…</source>
        <translation>连接服务器(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="88"/>
        <source>&amp;Sync now</source>
        <translation>立即同步(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="92"/>
        <source>Sync &amp;conflicts…</source>
        <translation>同步冲突(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="98"/>
        <source>Sign &amp;out of server</source>
        <translation>退出服务器登录(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="101"/>
        <source>&amp;About BranchDesk</source>
        <translation>关于 BranchDesk(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="104"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="110"/>
        <source>&amp;Customer</source>
        <translation>客户(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="114"/>
        <source>S&amp;ync</source>
        <translation>同步(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="121"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="125"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="135"/>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="139"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
</context>
<context>
    <name>MainStatusBar</name>
    <message>
        <location filename="../../ui/status_bar.py" line="45"/>
        <source>%1 (demo profile)</source>
        <translation>%1（演示配置文件）</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="46"/>
        <source>Profile: %1</source>
        <translation>配置文件：%1</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="53"/>
        <source>Edits that did not land as made: review them</source>
        <translation>未按原样生效的修改：请查看</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="86"/>
        <source>Not connected to a server</source>
        <translation>未连接服务器</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="87"/>
        <source>Syncing…</source>
        <translation>同步中…</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="88"/>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="89"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="90"/>
        <source>Log in again</source>
        <translation>需要重新登录</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="91"/>
        <source>Sync stopped</source>
        <translation>同步已停止</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="96"/>
        <source>Click to connect to the sync server.</source>
        <translation>点击连接同步服务器。</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="98"/>
        <source>Click to sync now (F5).</source>
        <translation>点击立即同步（F5）。</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="100"/>
        <source>Working offline: your changes are kept and sent later.</source>
        <translation>正在离线工作：您的修改已保存，稍后会自动发送。</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="107"/>
        <source>Never synced</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="109"/>
        <source>Last sync %1</source>
        <translation>上次同步 %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/status_bar.py" line="111"/>
        <source>%n sync conflict(s)</source>
        <translation>
            <numerusform>%n 处同步冲突</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/status_bar.py" line="115"/>
        <source>%n change(s) waiting to be sent</source>
        <translation>
            <numerusform>%n 项修改待发送</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="65"/>
        <source>BranchDesk — relationship manager&apos;s desk</source>
        <translation>BranchDesk 客户经理工作台</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="91"/>
        <source>Customers</source>
        <translation>客户列表</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="94"/>
        <source>Customer</source>
        <translation>客户详情</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="96"/>
        <source>Call log</source>
        <translation>联系记录</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="98"/>
        <source>Reminders</source>
        <translation>回访提醒</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="231"/>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="317"/>
        <source>BranchDesk</source>
        <translation>BranchDesk</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="318"/>
        <source>BranchDesk could not change starting at login: %1</source>
        <translation>无法更改开机启动设置：%1</translation>
    </message>
</context>
<context>
    <name>MaskedField</name>
    <message>
        <location filename="../../ui/widgets/masked_field.py" line="94"/>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/masked_field.py" line="104"/>
        <location filename="../../ui/widgets/masked_field.py" line="138"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/masked_field.py" line="118"/>
        <source>Masked. Press Show (%1) to see and edit it.</source>
        <translation>内容已脱敏。按“显示”（%1）可查看和编辑。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/masked_field.py" line="136"/>
        <source>Masked. Use Show (%1) to see and edit it.</source>
        <translation>内容已脱敏。点击“显示”（%1）可查看和编辑。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/masked_field.py" line="140"/>
        <source>Show the full value for a short time (%1); this is recorded in the audit log.</source>
        <translation>短时显示完整内容（%1），此操作将记入审计日志。</translation>
    </message>
</context>
<context>
    <name>NoticeBanner</name>
    <message>
        <location filename="../../ui/widgets/notice_banner.py" line="30"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/notice_banner.py" line="31"/>
        <source>Snooze 1 h</source>
        <translation>推迟 1 小时</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/notice_banner.py" line="32"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/notice_banner.py" line="35"/>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>NoticeWording</name>
    <message>
        <location filename="../../ui/notice_wording.py" line="32"/>
        <source>Mr %1</source>
        <translation>%1先生</translation>
    </message>
    <message>
        <location filename="../../ui/notice_wording.py" line="34"/>
        <source>Ms %1</source>
        <translation>%1女士</translation>
    </message>
    <message>
        <location filename="../../ui/notice_wording.py" line="35"/>
        <source>%1 (customer)</source>
        <translation>%1先生/女士</translation>
    </message>
    <message>
        <location filename="../../ui/notice_wording.py" line="50"/>
        <source>… and %1 more</source>
        <translation>……等另外 %1 项</translation>
    </message>
    <message>
        <location filename="../../ui/notice_wording.py" line="55"/>
        <source>Unlock BranchDesk to see whom to call.</source>
        <translation>解锁 BranchDesk 后可查看是哪位客户。</translation>
    </message>
    <message>
        <location filename="../../ui/notice_wording.py" line="60"/>
        <source>Revisits due: %1</source>
        <translation>到期回访：%1 项</translation>
    </message>
    <message>
        <location filename="../../ui/notice_wording.py" line="62"/>
        <source>Today&apos;s revisits: %1</source>
        <translation>今日回访：%1 项</translation>
    </message>
    <message>
        <location filename="../../ui/notice_wording.py" line="68"/>
        <source>Overdue from earlier days: %1</source>
        <translation>此前逾期：%1 项</translation>
    </message>
    <message>
        <location filename="../../ui/notice_wording.py" line="81"/>
        <source>Due today %1</source>
        <translation>今天 %1 到期</translation>
    </message>
    <message>
        <location filename="../../ui/notice_wording.py" line="83"/>
        <source>Due yesterday %1</source>
        <translation>昨天 %1 到期</translation>
    </message>
    <message>
        <location filename="../../ui/notice_wording.py" line="85"/>
        <source>Due %1 %2</source>
        <translation>%1 %2 到期</translation>
    </message>
    <message>
        <location filename="../../ui/notice_wording.py" line="92"/>
        <source>Desktop notifications are not available here; reminders will show in this window.</source>
        <translation>此电脑无法显示系统通知，提醒将显示在本窗口中。</translation>
    </message>
</context>
<context>
    <name>NotificationPage</name>
    <message>
        <location filename="../../ui/dialogs/reminder_settings_pages.py" line="45"/>
        <source>Notify me when a revisit falls due</source>
        <translation>回访到期时通知我</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reminder_settings_pages.py" line="47"/>
        <source>Hide names in notifications (show only the kind)</source>
        <translation>通知中隐藏姓名（只显示提醒类型）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reminder_settings_pages.py" line="49"/>
        <source>Morning digest of today&apos;s revisits at</source>
        <translation>每天早上汇总今日回访，时间</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reminder_settings_pages.py" line="56"/>
        <source>Closing the window keeps BranchDesk in the system tray</source>
        <translation>关闭窗口时保留在系统托盘中</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reminder_settings_pages.py" line="58"/>
        <source>Start BranchDesk when I log in</source>
        <translation>登录系统时自动启动 BranchDesk</translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <location filename="../../desktop/notifier.py" line="131"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../desktop/notifier.py" line="132"/>
        <source>Snooze 1 h</source>
        <translation>推迟 1 小时</translation>
    </message>
    <message>
        <location filename="../../desktop/notifier.py" line="133"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>OptionalDateEdit</name>
    <message>
        <location filename="../../ui/widgets/optional_date_time_edits.py" line="30"/>
        <source>Not set</source>
        <translation>未设置</translation>
    </message>
</context>
<context>
    <name>OptionalTimeEdit</name>
    <message>
        <location filename="../../ui/widgets/optional_date_time_edits.py" line="55"/>
        <source>Not set</source>
        <translation>未设置</translation>
    </message>
</context>
<context>
    <name>ReminderAutomation</name>
    <message>
        <location filename="../../ui/reminder_automation.py" line="40"/>
        <source>Notices</source>
        <translation>通知</translation>
    </message>
    <message>
        <location filename="../../ui/reminder_automation.py" line="106"/>
        <source>BranchDesk is still running</source>
        <translation>BranchDesk 仍在运行</translation>
    </message>
    <message>
        <location filename="../../ui/reminder_automation.py" line="107"/>
        <source>Reminders will still come. To quit, use Quit in the tray icon&apos;s menu.</source>
        <translation>回访提醒仍会按时弹出。如需退出，请使用托盘图标菜单中的“退出”。</translation>
    </message>
</context>
<context>
    <name>ReminderModel</name>
    <message>
        <location filename="../../ui/models/reminder_model.py" line="87"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/models/reminder_model.py" line="87"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/models/reminder_model.py" line="87"/>
        <source>Due</source>
        <translation>到期时间</translation>
    </message>
    <message>
        <location filename="../../ui/models/reminder_model.py" line="87"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/models/reminder_model.py" line="121"/>
        <source>Overdue (%1)</source>
        <translation>已逾期（%1）</translation>
    </message>
    <message>
        <location filename="../../ui/models/reminder_model.py" line="122"/>
        <source>Today (%1)</source>
        <translation>今天（%1）</translation>
    </message>
    <message>
        <location filename="../../ui/models/reminder_model.py" line="123"/>
        <source>Upcoming (7 days) (%1)</source>
        <translation>未来 7 天（%1）</translation>
    </message>
    <message>
        <location filename="../../ui/models/reminder_model.py" line="124"/>
        <source>Done this week (%1)</source>
        <translation>本周已完成（%1）</translation>
    </message>
    <message>
        <location filename="../../ui/models/reminder_model.py" line="151"/>
        <source>Completed at %1</source>
        <translation>完成于 %1</translation>
    </message>
    <message>
        <location filename="../../ui/models/reminder_model.py" line="156"/>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location filename="../../ui/models/reminder_model.py" line="158"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../ui/models/reminder_model.py" line="160"/>
        <source>Snoozed until %1</source>
        <translation>已延后至 %1</translation>
    </message>
</context>
<context>
    <name>ReminderPane</name>
    <message>
        <location filename="../../ui/panes/reminder_pane.py" line="101"/>
        <source>D&amp;one — log the call…</source>
        <translation>完成 — 记录联系(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ui/panes/reminder_pane.py" line="102"/>
        <source>Log the call that completes this reminder</source>
        <translation>记录联系以完成此提醒</translation>
    </message>
    <message>
        <location filename="../../ui/panes/reminder_pane.py" line="103"/>
        <source>For 1 &amp;hour</source>
        <translation>1 小时(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/panes/reminder_pane.py" line="104"/>
        <source>Snooze for an hour</source>
        <translation>延后 1 小时</translation>
    </message>
    <message>
        <location filename="../../ui/panes/reminder_pane.py" line="105"/>
        <source>Until &amp;tomorrow 09:00</source>
        <translation>至明天 09:00(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/panes/reminder_pane.py" line="106"/>
        <source>Snooze until tomorrow morning</source>
        <translation>延后至明天上午</translation>
    </message>
    <message>
        <location filename="../../ui/panes/reminder_pane.py" line="107"/>
        <source>Until a time I &amp;pick…</source>
        <translation>至自选时间(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/panes/reminder_pane.py" line="108"/>
        <source>Snooze until a time you choose</source>
        <translation>延后至您选择的时间</translation>
    </message>
    <message>
        <location filename="../../ui/panes/reminder_pane.py" line="109"/>
        <location filename="../../ui/panes/reminder_pane.py" line="136"/>
        <source>Resched&amp;ule…</source>
        <translation>改期(&amp;U)…</translation>
    </message>
    <message>
        <location filename="../../ui/panes/reminder_pane.py" line="110"/>
        <source>Give the reminder a new due time</source>
        <translation>为提醒设置新的到期时间</translation>
    </message>
    <message>
        <location filename="../../ui/panes/reminder_pane.py" line="111"/>
        <source>C&amp;ancel reminder…</source>
        <translation>取消提醒(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../ui/panes/reminder_pane.py" line="112"/>
        <source>Cancel the reminder</source>
        <translation>取消该提醒</translation>
    </message>
    <message>
        <location filename="../../ui/panes/reminder_pane.py" line="113"/>
        <source>&amp;Show customer</source>
        <translation>查看客户(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/panes/reminder_pane.py" line="114"/>
        <source>Select this customer everywhere (Enter)</source>
        <translation>在各窗格中选中该客户（Enter）</translation>
    </message>
    <message>
        <location filename="../../ui/panes/reminder_pane.py" line="118"/>
        <location filename="../../ui/panes/reminder_pane.py" line="130"/>
        <source>Snoo&amp;ze</source>
        <translation>延后(&amp;Z)</translation>
    </message>
    <message>
        <location filename="../../ui/panes/reminder_pane.py" line="129"/>
        <source>D&amp;one</source>
        <translation>完成(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/panes/reminder_pane.py" line="134"/>
        <source>Put the reminder off: 1 hour, tomorrow 09:00 or a time you pick</source>
        <translation>延后提醒：1 小时、明天 09:00 或自选时间</translation>
    </message>
    <message>
        <location filename="../../ui/panes/reminder_pane.py" line="137"/>
        <source>C&amp;ancel…</source>
        <translation>取消(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../ui/panes/reminder_pane.py" line="166"/>
        <source>Reminders</source>
        <translation>回访提醒</translation>
    </message>
    <message>
        <location filename="../../ui/panes/reminder_pane.py" line="344"/>
        <source>Snooze reminder</source>
        <translation>延后提醒</translation>
    </message>
    <message>
        <location filename="../../ui/panes/reminder_pane.py" line="344"/>
        <source>Remind me about %1 again at:</source>
        <translation>将%1的提醒延后至：</translation>
    </message>
    <message>
        <location filename="../../ui/panes/reminder_pane.py" line="355"/>
        <source>Reschedule reminder</source>
        <translation>提醒改期</translation>
    </message>
    <message>
        <location filename="../../ui/panes/reminder_pane.py" line="355"/>
        <source>New due time for the reminder about %1:</source>
        <translation>%1的提醒改期至：</translation>
    </message>
    <message>
        <location filename="../../ui/panes/reminder_pane.py" line="386"/>
        <source>Cancel the reminder “%1” for %2, due %3? It will not come back.</source>
        <translation>确定取消%2的“%1”提醒（%3 到期）吗？取消后无法恢复。</translation>
    </message>
    <message>
        <location filename="../../ui/panes/reminder_pane.py" line="393"/>
        <source>Cancel reminder</source>
        <translation>取消提醒</translation>
    </message>
</context>
<context>
    <name>RulesPage</name>
    <message>
        <location filename="../../ui/dialogs/reminder_settings_pages.py" line="82"/>
        <source>Cards</source>
        <translation>信用卡</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reminder_settings_pages.py" line="84"/>
        <source>Activation call for a new card not activated</source>
        <translation>新卡未激活：激活回访</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reminder_settings_pages.py" line="86"/>
        <source> days after opening</source>
        <translation> 天（开卡后）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reminder_settings_pages.py" line="87"/>
        <location filename="../../ui/dialogs/reminder_settings_pages.py" line="90"/>
        <source>Call within:</source>
        <translation>回访期限：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reminder_settings_pages.py" line="88"/>
        <source>Care call after activation</source>
        <translation>激活后关怀回访</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reminder_settings_pages.py" line="89"/>
        <source> days after activation</source>
        <translation> 天（激活后）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reminder_settings_pages.py" line="92"/>
        <source>Reactivation call for a dormant card</source>
        <translation>睡眠卡：唤醒回访</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reminder_settings_pages.py" line="94"/>
        <source> months without use</source>
        <translation> 个月未用卡</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reminder_settings_pages.py" line="95"/>
        <source>Dormant after:</source>
        <translation>睡眠判定：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reminder_settings_pages.py" line="97"/>
        <source>Revisits</source>
        <translation>回访</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reminder_settings_pages.py" line="98"/>
        <source>Revisits of a new customer</source>
        <translation>新客户回访</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reminder_settings_pages.py" line="101"/>
        <source>Days after joining:</source>
        <translation>建档后第几天：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reminder_settings_pages.py" line="103"/>
        <source>Periodic revisit by tier (after the last contact)</source>
        <translation>按客户等级定期回访（自上次联系起算）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reminder_settings_pages.py" line="107"/>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reminder_settings_pages.py" line="108"/>
        <source>Off</source>
        <translation>不回访</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reminder_settings_pages.py" line="110"/>
        <source>%1:</source>
        <translation>%1：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reminder_settings_pages.py" line="111"/>
        <source>Follow up a complaint</source>
        <translation>投诉跟进</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reminder_settings_pages.py" line="112"/>
        <source> hours</source>
        <translation> 小时</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reminder_settings_pages.py" line="113"/>
        <source>Follow up within:</source>
        <translation>跟进期限：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reminder_settings_pages.py" line="115"/>
        <source>Rule reminders fall due at:</source>
        <translation>规则提醒的到期时间：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reminder_settings_pages.py" line="117"/>
        <source>Greetings</source>
        <translation>问候</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reminder_settings_pages.py" line="118"/>
        <source>Birthday greeting on the day</source>
        <translation>生日当天问候</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reminder_settings_pages.py" line="120"/>
        <source>Holiday greetings (customers who opted in)</source>
        <translation>节日问候（已同意营销的客户）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reminder_settings_pages.py" line="122"/>
        <source>:00</source>
        <translation>:00</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reminder_settings_pages.py" line="123"/>
        <source>Greeting time:</source>
        <translation>问候时间：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reminder_settings_pages.py" line="124"/>
        <source> days ahead</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reminder_settings_pages.py" line="125"/>
        <source>Create greetings:</source>
        <translation>提前生成问候提醒：</translation>
    </message>
</context>
<context>
    <name>SatisfactionBox</name>
    <message>
        <location filename="../../ui/widgets/satisfaction_box.py" line="20"/>
        <source>— not asked —</source>
        <translation>— 未询问 —</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/satisfaction_box.py" line="23"/>
        <source>Satisfaction %1 of 5</source>
        <translation>满意度 %1 分（满分 5 分）</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="34"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="36"/>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="38"/>
        <source>Reminders</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="43"/>
        <source>Revisit rules</source>
        <translation>回访规则</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="58"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="59"/>
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="61"/>
        <source>&amp;Lock after idle for:</source>
        <translation>空闲后自动锁定(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="63"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="66"/>
        <source>L&amp;anguage:</source>
        <translation>语言(&amp;A)：</translation>
    </message>
</context>
<context>
    <name>SyncControls</name>
    <message>
        <location filename="../../ui/sync_controls.py" line="93"/>
        <source>Connected: syncing with the server.</source>
        <translation>已连接：正在与服务器同步。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_controls.py" line="132"/>
        <source>Sign out of the server</source>
        <translation>退出服务器登录</translation>
    </message>
    <message>
        <location filename="../../ui/sync_controls.py" line="134"/>
        <source>Sign this laptop out of the sync server? Your customers and changes stay here; changes not sent yet go to the server when you connect again.</source>
        <translation>要让此电脑退出同步服务器吗？客户资料和修改都会保留在本机；尚未发送的修改会在您重新连接后发送到服务器。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_controls.py" line="148"/>
        <source>Customers reassigned</source>
        <translation>客户已改派</translation>
    </message>
    <message>
        <location filename="../../ui/sync_controls.py" line="153"/>
        <source>They have left this laptop; their calls stay with the new manager.</source>
        <translation>这些客户已从本机移除，其联系记录由新的客户经理继续保留。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync_controls.py" line="158"/>
        <source>%n customer(s) reassigned</source>
        <translation>
            <numerusform>%n 位客户已改派</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/sync_controls.py" line="170"/>
        <source>%1 was reassigned to %2 by the supervisor.</source>
        <translation>%1 已由主管改派给 %2。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_controls.py" line="172"/>
        <source>%1 was reassigned to another manager by the supervisor.</source>
        <translation>%1 已由主管改派给其他客户经理。</translation>
    </message>
</context>
<context>
    <name>TagChip</name>
    <message>
        <location filename="../../ui/panes/tags_box.py" line="40"/>
        <source>Remove tag %1</source>
        <translation>移除标签“%1”</translation>
    </message>
</context>
<context>
    <name>TagsBox</name>
    <message>
        <location filename="../../ui/panes/tags_box.py" line="59"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../ui/panes/tags_box.py" line="69"/>
        <location filename="../../ui/panes/tags_box.py" line="126"/>
        <source>No tags yet.</source>
        <translation>暂无标签。</translation>
    </message>
    <message>
        <location filename="../../ui/panes/tags_box.py" line="70"/>
        <source>Type a tag and press Enter</source>
        <translation>输入标签后按 Enter</translation>
    </message>
    <message>
        <location filename="../../ui/panes/tags_box.py" line="77"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../ui/panes/tags_box.py" line="79"/>
        <source>Add &amp;tag:</source>
        <translation>添加标签(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <location filename="../../ui/tray.py" line="46"/>
        <source>Show BranchDesk</source>
        <translation>显示 BranchDesk</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="47"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="63"/>
        <source>BranchDesk — %1 overdue</source>
        <translation>BranchDesk — %1 项逾期</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="65"/>
        <source>BranchDesk — nothing overdue</source>
        <translation>BranchDesk — 无逾期提醒</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../ui/app.py" line="49"/>
        <source>Unlock BranchDesk</source>
        <translation>解锁 BranchDesk</translation>
    </message>
</context>
<context>
    <name>WeeklyExport</name>
    <message>
        <location filename="../../ui/dialogs/export_weekly_dialog.py" line="108"/>
        <source>Writing the weekly review…</source>
        <translation>正在生成周报…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_weekly_dialog.py" line="122"/>
        <source>Weekly review %1 written to %2</source>
        <translation>周报 %1 已保存到 %2</translation>
    </message>
</context>
</TS>
