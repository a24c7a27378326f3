# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Words grouped by what they are about, in Simplified Chinese and English.

Each group found in a text (outside a negation) becomes one feature
(``k:late``), whose weight the model learns from the examples like any
other. A word the examples never used still counts through its group, so
电梯 speaks for the facilities though no example mentions a lift. These are
not rules: the model decides what a group means for each category.
"""

CONCEPTS = {
    "spoiled": (
        "烂 腐 霉 变质 臭 馊 发酸 酸了 是酸的 酸掉 异味 怪味 味道不对 坏了 坏的 "
        "坏掉 长毛 发黑 黑心 黑斑 生的 没熟 不熟 腥 哈喇 发黏 粘液 血水 死了 死的 "
        "结块 干瘪 空心 空壳 苦 软塌 出水 冰碴 注水 发芽 发黄 黄了 散黄 胀袋 过期 "
        "陈 rotten mold moldy spoiled sour smell stale expired"
    ),
    "foreign_body": ("头发 塑料 异物 虫 渣 泥沙 沙子 玻璃 铁丝 bug hair plastic"),
    "illness": ("腹泻 拉肚子 过敏 呕吐 中毒 肚子疼 不舒服 sick"),
    "produce": (
        "草莓 西瓜 苹果 香蕉 葡萄 橙 橘 桃 梨 芒果 榴莲 樱桃 车厘子 荔枝 蓝莓 菠萝 "
        "猕猴桃 奇异果 柚 番茄 西红柿 黄瓜 青菜 白菜 菠菜 土豆 蔬菜 水果 鸡蛋 蛋 "
        "牛奶 酸奶 奶 肉 鸡 鸭 鱼 虾 蟹 牛 猪 羊 排骨 面包 豆腐 米 油 fruit milk "
        "egg meat mango"
    ),
    "delivery": (
        "送 快递 物流 骑手 外送 宅配 到货 签收 包裹 冷链 冰袋 运输 运力 司机 车辆 "
        "delivery deliver courier package shipping rider tracking express"
    ),
    "late": (
        "晚 迟 延误 延迟 延后 没到 未到 没来 还没 慢 等了 半天 小时 三天 两天 "
        "花儿都谢了 到哪了 路上 late delay slow"
    ),
    "missing_wrong": (
        "少了 少送 少发 漏 缺 送错 发错 错送 拿错 错了地址 丢 别人的 混入 只送 只来 "
        "missing wrong"
    ),
    "damaged": ("压 破 碎 摔 化了 解冻 退冰 融化 湿 磕 挤 melt broken crushed"),
    "staff": (
        "客服 店员 员工 收银 店长 售后 服务 态度 经理 导购 保安 专员 对接 业务 人工 "
        "机器人 热线 电话 service staff manager hotline customer"
    ),
    "rude_ignored": (
        "骂 凶 不耐烦 没礼貌 不礼貌 不客气 敷衍 推脱 推来推去 踢皮球 不理 没人理 "
        "没人接 没有人接 没人管 没下文 不回 没回 无人 挂断 挂了 呵斥 白眼 甩脸 黑脸 "
        "刁难 冷嘲热讽 阴阳怪气 怼 rude ignore"
    ),
    "money": (
        "钱 退款 退还 扣款 扣了 扣费 收费 多收 多算 价格 标价 结账 结算 小票 收据 "
        "优惠 满减 折扣 打折 会员价 发票 对账 账单 到账 付款 支付 运费 配送费 积分 "
        "差价 单价 货款 定金 余额 续费 找零 refund charge price coupon discount "
        "invoice payment receipt money"
    ),
    "label": (
        "标签 标注 标示 标明 标识 产地 生产日期 保质期 有效期 日期 描述 详情 页面 "
        "宣传 图片 实物 成分 配料 认证 有机 进口 国产 中文 规格 净含量 过敏原 说明 "
        "批号 检疫 证明 等级 野生 不含 无添加 label description organic "
        "certification ingredient imported"
    ),
    "facility": (
        "app 小程序 网站 系统 闪退 卡顿 登录 登入 崩 报错 短信 推送 广告 营销 停车 "
        "厕所 卫生间 地板 地上 环境 噪音 声音 电梯 空调 购物车 泄露 外泄 个人信息 "
        "资料 垃圾 灯 台阶 通道 自助 寄存 注销 website crash login spam "
        "notification wifi"
    ),
    "question": (
        "请问 能不能 可不可以 可以吗 是否 多久 几点 有没有 怎么操作 怎么查 怎么下单 "
        "怎么办理 在哪 咨询 询问 想了解 ? how when can"
    ),
    "thanks": (
        "谢谢 感谢 多谢 表扬 好评 点赞 满意 推荐 辛苦 支持 回购 还买 再来 thanks thank"
    ),
}

# How the groups show among the deciding words of a ticket.
LABELS = {
    "spoiled": "[变质]",
    "foreign_body": "[异物]",
    "illness": "[身体不适]",
    "produce": "[商品]",
    "delivery": "[配送]",
    "late": "[延误]",
    "missing_wrong": "[少送错送]",
    "damaged": "[破损]",
    "staff": "[人员]",
    "rude_ignored": "[态度怠慢]",
    "money": "[金额]",
    "label": "[标识描述]",
    "facility": "[设施系统]",
    "question": "[提问]",
    "thanks": "[感谢]",
}


def _index():
    """Each Chinese word (or ``?``) and each English word of the groups to
    the groups it belongs to."""
    index = {}
    for name, words in CONCEPTS.items():
        for word in words.split():
            index.setdefault(word, set()).add(name)
    return index


INDEX = _index()
LONGEST = max(len(word) for word in INDEX)


def concepts(analysis):
    """Feature names of the concept groups found in ``analysis``: ``k:name``
    if a word of the group occurs outside a negation, ``!k:name`` if only
    inside one. Chinese words are looked up at every position of the text,
    English ones among its words."""
    affirmed, negated = set(), set()
    text = analysis.text
    for start in range(len(text)):
        for end in range(start + 1, min(start + LONGEST, len(text)) + 1):
            piece = text[start:end]
            groups = INDEX.get(piece)
            if groups and (piece == "?" or not piece.isascii()):
                (affirmed if analysis.affirmed(start) else negated).update(groups)
    for word, is_negated, _start in analysis.tokens:
        if word.isascii() and word in INDEX:
            (negated if is_negated else affirmed).update(INDEX[word])
    return {"k:" + name for name in affirmed} | {
        "!k:" + name for name in negated - affirmed
    }
