import type { TicketCategory } from "../db/generated/enums.ts";

// Ticket and comment templates. Placeholders: {order}, {restaurant}, {minutes}, {amount}.

export interface TicketText {
  subject: string;
  description: string;
}

export const TICKET_TEXTS: Record<TicketCategory, { ja: readonly TicketText[]; en: readonly TicketText[] }> =
  {
    order_issue: {
      ja: [
        {
          subject: "注文内容が間違っています",
          description: "注文 {order} で頼んだものと違う商品が届きました。{restaurant} の注文です。",
        },
        {
          subject: "注文がキャンセルされてしまいました",
          description: "支払い後に注文 {order} が自動でキャンセルされました。理由を教えてください。",
        },
      ],
      en: [
        {
          subject: "Wrong items delivered",
          description: "Order {order} from {restaurant} arrived with someone else's food.",
        },
        {
          subject: "Order cancelled without notice",
          description: "My order {order} was cancelled after payment. Why?",
        },
      ],
    },
    delivery_delay: {
      ja: [
        {
          subject: "配達が30分以上遅れています",
          description: "注文 {order} の到着予定から{minutes}分過ぎてもまだ届きません。",
        },
        {
          subject: "配達員の位置が動いていません",
          description: "アプリ上で配達員が{minutes}分間同じ場所に止まったままです。注文 {order}。",
        },
      ],
      en: [
        {
          subject: "Delivery is very late",
          description: "Order {order} is {minutes} minutes past the estimated time and still not here.",
        },
        {
          subject: "Courier stuck on the map",
          description: "The courier has not moved for {minutes} minutes. Order {order}.",
        },
      ],
    },
    missing_item: {
      ja: [
        {
          subject: "商品が一部届いていません",
          description: "注文 {order} のドリンクとサイドメニューが入っていませんでした。",
        },
        {
          subject: "セットの一部が不足しています",
          description: "{restaurant} のセットを頼みましたが、メインしか入っていませんでした。",
        },
      ],
      en: [
        {
          subject: "Missing item in my order",
          description: "Order {order} from {restaurant} was missing a drink and a side.",
        },
        {
          subject: "Half of my order is missing",
          description: "Only one of the two bags from {restaurant} arrived. Order {order}.",
        },
      ],
    },
    refund_request: {
      ja: [
        {
          subject: "返金をお願いします",
          description: "注文 {order}（{amount}円）の料理が冷めていて食べられませんでした。返金を希望します。",
        },
        {
          subject: "返金がまだ反映されていません",
          description: "{amount}円の返金を約束されましたが、まだカードに戻っていません。",
        },
      ],
      en: [
        {
          subject: "Refund request for cold food",
          description: "Order {order} ({amount} JPY) arrived cold. Please refund.",
        },
        {
          subject: "Refund not received yet",
          description: "I was promised a refund of {amount} JPY a week ago but have not received it.",
        },
      ],
    },
    payment: {
      ja: [
        { subject: "二重に請求されています", description: "注文 {order} で{amount}円が2回請求されました。" },
        {
          subject: "カード決済が通りません",
          description: "登録したカードで決済しようとするとエラーになります。",
        },
      ],
      en: [
        {
          subject: "Charged twice for one order",
          description: "I was charged {amount} JPY twice for order {order}.",
        },
        {
          subject: "Payment keeps failing",
          description: "My card is declined in the app although it works elsewhere.",
        },
      ],
    },
    account_access: {
      ja: [
        {
          subject: "ログインできません",
          description: "パスワードを再設定しても、ログイン画面に戻されてしまいます。",
        },
        {
          subject: "SMS認証コードが届きません",
          description: "電話番号の認証コードが何度送信しても届きません。",
        },
      ],
      en: [
        {
          subject: "Cannot log in to my account",
          description: "After resetting my password I still cannot sign in.",
        },
        {
          subject: "Verification code never arrives",
          description: "The SMS verification code does not arrive on my phone.",
        },
      ],
    },
    restaurant_onboarding: {
      ja: [
        {
          subject: "新規出店の審査状況を知りたい",
          description: "{restaurant} の出店申請から2週間経ちましたが、審査の進捗が分かりません。",
        },
        {
          subject: "営業許可証のアップロードができません",
          description: "出店手続きで営業許可証のPDFをアップロードするとエラーになります。",
        },
      ],
      en: [
        {
          subject: "Onboarding status for our new branch",
          description: "We applied to list {restaurant} two weeks ago. Any update?",
        },
        {
          subject: "Cannot upload business licence",
          description: "The onboarding form rejects our licence PDF.",
        },
      ],
    },
    menu_update: {
      ja: [
        {
          subject: "メニューの価格を変更したい",
          description: "{restaurant} の一部メニューの価格改定をお願いします。反映されません。",
        },
        {
          subject: "売り切れ表示が解除できません",
          description: "管理画面で在庫ありに戻しても、アプリで売り切れのままです。",
        },
      ],
      en: [
        {
          subject: "Menu price update not showing",
          description: "We changed prices for {restaurant} yesterday but the app still shows the old ones.",
        },
        {
          subject: "Items stuck as sold out",
          description: "Items we restocked still appear as sold out to customers.",
        },
      ],
    },
    courier_payout: {
      ja: [
        {
          subject: "報酬の振込額が少ないです",
          description: "先週の配達報酬が{amount}円少なく振り込まれています。確認をお願いします。",
        },
        {
          subject: "インセンティブが反映されていません",
          description: "ピーク時間帯のインセンティブが明細に含まれていません。",
        },
      ],
      en: [
        {
          subject: "Payout amount is wrong",
          description: "Last week's payout is {amount} JPY short. Please check.",
        },
        {
          subject: "Peak incentive missing from payout",
          description: "The peak-hour incentive is not in my payout statement.",
        },
      ],
    },
    courier_safety: {
      ja: [
        {
          subject: "配達中に事故に遭いました",
          description: "配達中に自転車で転倒しました。注文 {order} の配達途中です。",
        },
        {
          subject: "配達先で危険を感じました",
          description: "配達先で大声で怒鳴られ、危険を感じました。注文 {order}。",
        },
      ],
      en: [
        {
          subject: "Accident during delivery",
          description: "I fell off my bike while delivering order {order}. I am okay but shaken.",
        },
        {
          subject: "Felt unsafe at drop-off",
          description: "The customer was aggressive at the drop-off for order {order}.",
        },
      ],
    },
  };

export const COMMENT_TEXTS = {
  publicJa: [
    "ご不便をおかけして申し訳ございません。ただいま確認しております。",
    "お問い合わせありがとうございます。担当部署に確認の上、ご連絡いたします。",
    "対応が完了いたしました。引き続きよろしくお願いいたします。",
  ],
  publicEn: [
    "Sorry for the trouble. We are looking into it now.",
    "Thanks for reaching out. We have passed this on and will update you shortly.",
    "This has been taken care of. Thank you for your patience.",
  ],
  internal: [
    "加盟店に電話で確認済み。折り返し待ち。",
    "同じ注文番号で過去にも問い合わせあり。リスクチームに共有。",
    "Checked courier GPS trace: route looks normal.",
    "Refund approved within policy limit.",
    "Escalated to payments team for the duplicate charge.",
  ],
} as const;

export function fillTemplate(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
