"""Texts of the Trygg start series, per locale (sv, en, ar, so).

Arabic (ar) and Somali (so) are given for every item used by the 6-8 weeks form and are
UNVERIFIED translations (listed in `unverifiedLocales`). Items used only by later check-ups
have Swedish and English only.

Published instruments:
  PHQ-9 / GAD-7 (Spitzer, Williams, Kroenke; Pfizer, no permission required): English is the
    published wording; Swedish is the wording of the published Swedish version as we know it
    (check against the Pfizer/phqscreeners Swedish PDF before clinical use); Arabic/Somali
    here are our own unverified renderings - replace them with the published translations.
  AUDIT-C (WHO AUDIT items 1-3): English published WHO wording; Swedish after the Swedish AUDIT.
  Swedish and English of these published items are kept identical to the standalone forms
  (forms/phq-9, gad-7, audit-c, hunger-vital-sign).
  Hunger Vital Sign (Hager et al. 2010): English published wording; Swedish, Arabic and
    Somali are our own translations (no validated Swedish version is known to us).
Everything else is project-written example content, not a validated instrument.
"""


def T(sv, en, ar=None, so=None):
    t = {"sv": sv, "en": en}
    if ar is not None:
        t["ar"] = ar
    if so is not None:
        t["so"] = so
    return t


YES = T("Ja", "Yes", "نعم", "Haa")
NO = T("Nej", "No", "لا", "Maya")

SECTIONS = {
    "safety": T("Barnets säkerhet", "Your child's safety", "سلامة طفلك", "Badqabka ilmahaaga"),
    "economy": T("Ekonomi och mat", "Money and food", "المال والطعام", "Lacagta iyo cuntada"),
    "mood": T("Hur du mår", "How you feel", "كيف تشعر/ين", "Sida aad dareemayso"),
    "anxiety": T("Oro", "Worry", "القلق", "Welwel"),
    "stress": T("Vardagen som förälder", "Everyday life as a parent",
                "الحياة اليومية كأب أو أم", "Nolol maalmeedka waalidnimada"),
    "alcohol": T("Alkohol", "Alcohol", "الكحول", "Khamriga"),
    "relationships": T("Trygghet i nära relationer", "Safety in close relationships",
                       "الأمان في العلاقات القريبة", "Badbaadada xiriirrada dhow"),
    "support": T("Stöd", "Support", "الدعم", "Taageero"),
}

INTRO = T(
    "Frågorna handlar om ditt barns säkerhet och om hur du och din familj har det. Varje "
    "förälder svarar för sig själv. Dina svar läses av BVC-sjuksköterskan, som använder dem för "
    "att kunna erbjuda stöd. De visas inte för någon annan i familjen. Du kan välja att inte svara på en fråga. Det tar ungefär tre minuter.",
    "These questions are about your child's safety and about how you and your family are "
    "doing. Each parent answers on their own. Your answers are read by the child health nurse, "
    "who uses them to offer support. They are not shown to anyone else in your family. You may choose not to answer a question. It "
    "takes about three minutes.",
    "تتناول هذه الأسئلة سلامة طفلك وأحوالك وأحوال عائلتك. يجيب كل والد أو والدة بمفرده. "
    "تقرأ ممرضة صحة الطفل إجاباتك وتستخدمها لتقديم الدعم. لا تُعرض إجاباتك على أي شخص آخر في عائلتك. يمكنك "
    "اختيار عدم الإجابة عن أي سؤال. يستغرق ذلك نحو ثلاث دقائق.",
    "Su'aalahani waxay ku saabsan yihiin badqabka ilmahaaga iyo sida adiga iyo qoyskaagu "
    "u nooshihiin. Waalid kastaa keligiis ayuu uga jawaabaa. Jawaabahaaga waxaa akhrinaysa "
    "kalkaalisada caafimaadka carruurta, oo u adeegsanaysa si ay taageero u bixiso. Looma "
    "muujinayo qof kale oo qoyskaaga ka mid ah. Waad dooran kartaa inaadan su'aal ka jawaabin. Waxay qaadanaysaa qiyaastii saddex daqiiqo.",
)

# ---------------------------------------------------------------- child safety (own)
SAFETY = {
    "safety_sleep_back": T(
        "Lägger du ditt barn på rygg när barnet ska sova?",
        "Do you put your child on their back when they go to sleep?",
        "هل تضع/ين طفلك على ظهره عندما يحين وقت نومه؟",
        "Ma ilmahaaga dhabarka ayaad u jiifisaa marka uu seexanayo?"),
    "safety_car_seat": T(
        "När ditt barn åker bil, sitter barnet då alltid i ett bakåtvänt babyskydd eller en bakåtvänd bilbarnstol?",
        "When your child travels by car, do they always ride in a rear-facing infant carrier or child car seat?",
        "عندما يركب طفلك السيارة، هل يجلس دائماً في مقعد أطفال للسيارة موجّه نحو الخلف؟",
        "Marka ilmahaagu baabuur raaco, ma had iyo jeer wuxuu fadhiyaa kursiga carruurta ee baabuurka oo dib u jeeda?"),
    "safety_car_seat.no-car": T(
        "Vi åker aldrig bil med barnet", "We never travel by car with our child",
        "لا نركب السيارة مع طفلنا أبداً", "Weligeen baabuur kuma raacno ilmaha"),
    "safety_crying_plan": T(
        "Vet du vad du kan göra om ditt barns gråt någon gång blir för mycket för dig?",
        "Do you know what you can do if your child's crying ever gets too much for you?",
        "هل تعرف/ين ما يمكنك فعله إذا أصبح بكاء طفلك في وقت ما أكثر مما تتحمل/ين؟",
        "Ma taqaannaa waxa aad samayn karto haddii ooyinta ilmahaagu mar uun kaa badato oo aadan u adkaysan karin?"),
    "safety_crying_plan.help": T(
        "Till exempel: lägg barnet säkert i sängen, gå ut ur rummet en stund och ring någon som "
        "kan hjälpa dig. Skaka aldrig ett barn.",
        "For example: put your child down safely in their bed, leave the room for a moment and "
        "call someone who can help you. Never shake a baby.",
        "مثلاً: ضع/ي الطفل بأمان في سريره، واخرج/ي من الغرفة قليلاً، واتصل/ي بشخص يمكنه "
        "مساعدتك. لا تهز/ي الطفل أبداً.",
        "Tusaale ahaan: ilmaha si ammaan ah sariirtiisa ugu dhig, qolka in yar ka bax, oo wac "
        "qof ku caawin kara. Weligaa ha ruxin ilmo yar."),
    "safety_falls_surface": T(
        "Håller du alltid en hand på ditt barn när barnet ligger på skötbord, säng eller soffa?",
        "Do you always keep a hand on your child when they lie on a changing table, bed or sofa?"),
    "safety_falls": T(
        "Har ni gjort hemmet säkert mot fall, till exempel med grind vid trappor och spärrar på fönster och balkongdörrar?",
        "Have you made your home safe against falls, for example with gates at stairs and catches on windows and balcony doors?"),
    "safety_small_objects": T(
        "Förvarar ni små saker som barnet kan sätta i halsen – till exempel mynt, knappcellsbatterier och små leksaksdelar – utom räckhåll för barnet?",
        "Do you keep small things your child could choke on – such as coins, button batteries and small toy parts – out of your child's reach?"),
    "safety_hot_liquids": T(
        "Ser ni till att varma drycker, vattenkokare och kastrullhandtag är utom räckhåll för barnet?",
        "Do you make sure that hot drinks, kettles and saucepan handles are out of your child's reach?"),
    "safety_poisons": T(
        "Förvaras läkemedel, rengöringsmedel och andra kemikalier inlåsta eller högt upp, utom räckhåll för barnet?",
        "Are medicines, cleaning products and other chemicals kept locked away or high up, out of your child's reach?"),
    "safety_stairs": T(
        "Om ni har trappor hemma, finns det grindar som hindrar barnet från att ramla i trappan?",
        "If you have stairs at home, are there safety gates that stop your child from falling down them?"),
    "safety_stairs.no-stairs": T("Vi har inga trappor hemma", "We have no stairs at home"),
    "safety_water": T(
        "Är en vuxen alltid nära och uppmärksam när ditt barn är i eller nära vatten, till exempel i badkaret, i en pool, vid en sjö eller vid havet?",
        "Is an adult always close by and paying attention when your child is in or near water, for example in the bath, a pool, a lake or the sea?"),
    "safety_smoke_alarm": T(
        "Finns det en fungerande brandvarnare i ert hem?",
        "Is there a working smoke alarm in your home?"),
    "safety_firearms": T(
        "Finns det skjutvapen i ert hem, till exempel jaktvapen?",
        "Are there any firearms in your home, for example hunting weapons?"),
    "safety_firearms.locked": T(
        "Ja, och de förvaras alltid i ett låst vapenskåp",
        "Yes, and they are always kept in a locked gun cabinet"),
    "safety_firearms.not-locked": T(
        "Ja, men de förvaras inte alltid inlåsta",
        "Yes, but they are not always locked away"),
    "safety_street": T(
        "Håller du alltid ditt barn i handen eller nära dig när ni är vid gator och parkeringar?",
        "Do you always hold your child's hand or keep them close when you are near streets and car parks?"),
    "safety_helmet": T(
        "Använder ditt barn alltid hjälm när barnet cyklar eller åker sparkcykel?",
        "Does your child always wear a helmet when cycling or riding a kick scooter?"),
    "safety_helmet.no-bike": T(
        "Mitt barn cyklar inte och åker inte sparkcykel",
        "My child does not cycle or ride a kick scooter"),
}

CHILD_HARM_FEAR = T(
    "Har det hänt att du blivit så arg eller uppgiven att du varit rädd att du skulle kunna göra ditt barn illa?",
    "Has it happened that you felt so angry or desperate that you were afraid you might hurt your child?",
    "هل حدث أن شعرت بالغضب أو اليأس لدرجة أنك خفت أن تؤذي طفلك؟",
    "Ma dhacday inaad dareentay cadho ama quus aad u badan oo aad ka baqday inaad ilmahaaga waxyeello u geysan karto?")
CHILD_HARM_FEAR_HELP = T(
    "Många föräldrar känner så någon gång. Om du svarar ja kontaktar BVC dig samma dag för att ge dig stöd.",
    "Many parents feel this at some point. If you answer yes, the child health centre will contact you the same day to support you.",
    "يشعر كثير من الآباء والأمهات بذلك في وقت ما. إذا أجبت بنعم، سيتواصل معك مركز صحة الطفل في اليوم نفسه لدعمك.",
    "Waalidiin badan ayaa mar uun sidaas dareema. Haddii aad haa ku jawaabto, xarunta caafimaadka carruurta ayaa kula soo xiriiri doonta isla maalintaas si ay kuu taageerto.")

# ---------------------------------------------------------------- economy
MONEY_WORRY = T(
    "Har du under de senaste 12 månaderna oroat dig för att pengarna inte ska räcka till hyra, räkningar eller annat nödvändigt?",
    "During the past 12 months, have you worried that there would not be enough money for rent, bills or other necessities?",
    "خلال الأشهر الاثني عشر الماضية، هل قلقت من ألا يكفي المال للإيجار أو الفواتير أو غيرها من الضروريات؟",
    "12-kii bilood ee la soo dhaafay, ma ka welwelday in lacagtu aysan ku filnaan doonin kirada, biilasha ama baahiyaha kale ee lagama maarmaanka ah?")
# Hunger Vital Sign (Hager et al. 2010); English is the published wording.
HVS_HELP = T(
    "Svara för varje påstående om det stämt ofta, ibland eller aldrig för ditt hushåll under de senaste 12 månaderna.",
    "For each statement, please say whether it was often true, sometimes true or never true for your household in the last 12 months.",
    "لكل عبارة، يرجى ذكر ما إذا كانت صحيحة غالباً أو أحياناً أو غير صحيحة أبداً بالنسبة لأسرتك خلال الأشهر الاثني عشر الماضية.",
    "Weedh kasta, fadlan sheeg inay badanaa run ahayd, mararka qaarkood run ahayd ama aysan weligeed run ahayn qoyskaaga 12-kii bilood ee la soo dhaafay.")
HVS1 = T(
    "Under de senaste 12 månaderna har vi varit oroliga för att maten skulle ta slut innan vi fick pengar att köpa mer.",
    "Within the past 12 months we worried whether our food would run out before we got money to buy more.",
    "خلال الأشهر الاثني عشر الماضية، كنا قلقين من أن ينفد طعامنا قبل أن نحصل على المال لشراء المزيد.",
    "12-kii bilood ee la soo dhaafay, waxaan ka welwelnay in cuntadayadu dhammaato ka hor intaanan helin lacag aan ku iibsanno mid kale.")
HVS2 = T(
    "Under de senaste 12 månaderna räckte inte maten vi köpte, och vi hade inte pengar att köpa mer.",
    "Within the past 12 months the food we bought just didn't last and we didn't have money to get more.",
    "خلال الأشهر الاثني عشر الماضية، لم يكفِ الطعام الذي اشتريناه ولم يكن لدينا المال لشراء المزيد.",
    "12-kii bilood ee la soo dhaafay, cuntadii aan iibsannay kuma filnaan, lacagna uma aanan haysan inaan mid kale iibsanno.")
HVS_OPTS = [
    ("often", 1, "LA28397-0", T("Stämmer ofta", "Often true", "صحيح غالباً", "Badanaa waa run")),
    ("sometimes", 1, "LA6729-3", T("Stämmer ibland", "Sometimes true", "صحيح أحياناً", "Mararka qaarkood waa run")),
    ("never", 0, "LA28398-8", T("Stämmer aldrig", "Never true", "غير صحيح أبداً", "Weligeed run ma ahayn")),
]

# ---------------------------------------------------------------- PHQ-9 (Pfizer)
PHQ_STEM = T(
    "Under de senaste två veckorna, hur ofta har du besvärats av något av följande problem?",
    "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
    "خلال الأسبوعين الماضيين، كم مرة عانيت من أي من المشاكل التالية؟",
    "Labadii toddobaad ee la soo dhaafay, intee jeer ayay ku dhibtay mid ka mid ah dhibaatooyinkan soo socda?")
FREQ_OPTS = [
    ("0", 0, "LA6568-5", T("Inte alls", "Not at all", "أبداً", "Marnaba")),
    ("1", 1, "LA6569-3", T("Flera dagar", "Several days", "عدة أيام", "Dhowr maalmood")),
    ("2", 2, "LA6570-1", T("Mer än hälften av dagarna", "More than half the days",
                           "أكثر من نصف الأيام", "In ka badan kala badh maalmaha")),
    ("3", 3, "LA6571-9", T("Nästan varje dag", "Nearly every day", "تقريباً كل يوم",
                           "Ku dhowaad maalin kasta")),
]
PHQ = [
    ("44250-9", T("Lite intresse eller glädje i att göra saker",
                  "Little interest or pleasure in doing things",
                  "قلة الاهتمام أو المتعة في القيام بالأشياء",
                  "Xiiso yari ama farxad la'aan marka aad wax qabanayso")),
    ("44255-8", T("Känt dig nedstämd, deprimerad eller känt att framtiden ser hopplös ut",
                  "Feeling down, depressed, or hopeless",
                  "الشعور بالحزن أو الاكتئاب أو اليأس",
                  "Dareen niyad-jab, murugo ama rajo la'aan")),
    ("44259-0", T("Svårt att somna eller att sova utan avbrott, eller sovit för mycket",
                  "Trouble falling or staying asleep, or sleeping too much",
                  "صعوبة في النوم أو الاستمرار فيه، أو النوم أكثر من اللازم",
                  "Dhib inaad seexato ama hurdada ku sii jirto, ama hurdo aad u badan")),
    ("44254-1", T("Känt dig trött eller energilös",
                  "Feeling tired or having little energy",
                  "الشعور بالتعب أو قلة الطاقة",
                  "Dareen daal ama tamar yari")),
    ("44251-7", T("Dålig aptit eller ätit för mycket",
                  "Poor appetite or overeating",
                  "ضعف الشهية أو الإفراط في الأكل",
                  "Cunto-xumo ama cunto aad u badan")),
    ("44258-2", T("Dålig självkänsla – eller känt att du är ett misslyckande eller att du har svikit dig själv eller din familj",
                  "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
                  "الشعور بعدم الرضا عن نفسك – أو أنك فاشل/ة أو أنك خذلت نفسك أو عائلتك",
                  "Dareen xun oo ku saabsan naftaada – ama inaad tahay qof fashilmay ama aad niyad jabisay naftaada ama qoyskaaga")),
    ("44252-5", T("Svårt att koncentrera dig, till exempel när du läser tidningen eller tittar på tv",
                  "Trouble concentrating on things, such as reading the newspaper or watching television",
                  "صعوبة في التركيز على الأشياء، مثل قراءة الصحيفة أو مشاهدة التلفزيون",
                  "Dhib inaad feejignaan u yeelato waxyaabaha, sida akhriska wargeyska ama daawashada telefishanka")),
    ("44253-3", T("Rört dig eller talat så långsamt att andra människor kunnat märka det? Eller motsatsen – att du varit så nervös eller rastlös att du rört dig mycket mer än vanligt",
                  "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual",
                  "التحرك أو التحدث ببطء شديد لدرجة أن الآخرين قد لاحظوا ذلك؟ أو العكس – التململ أو عدم الاستقرار لدرجة أنك تتحرك/ين أكثر بكثير من المعتاد",
                  "Inaad u dhaqaaqdo ama u hadasho si aad u gaabis ah oo dadka kale ay dareemi karaan? Ama taas lidkeeda – inaad aad u degganaan la'dahay oo aad dhaqaaqdo wax ka badan sidii caadiga ahayd")),
    ("44260-8", T("Tankar på att det vore bättre om du vore död eller på att skada dig själv på något sätt",
                  "Thoughts that you would be better off dead or of hurting yourself in some way",
                  "أفكار بأنه من الأفضل لو كنت ميتاً/ميتة أو أفكار بإيذاء نفسك بطريقة ما",
                  "Fikirro ah inay kuu roonaan lahayd inaad dhimato ama inaad si uun naftaada u dhaawacdo")),
]
# GAD-7 items 1-2 (Pfizer)
GAD = [
    ("69725-0", T("Känt dig nervös, ängslig eller väldigt stressad",
                  "Feeling nervous, anxious, or on edge",
                  "الشعور بالعصبية أو القلق أو التوتر الشديد",
                  "Dareen kacsanaan, walwal ama cadaadis badan")),
    ("68509-9", T("Inte kunnat sluta oroa dig eller kontrollera din oro",
                  "Not being able to stop or control worrying",
                  "عدم القدرة على التوقف عن القلق أو التحكم فيه",
                  "Awood la'aan inaad joojiso ama xakamayso welwelka")),
]
GAD_STEM = T(
    "Under de senaste två veckorna, hur ofta har du besvärats av följande problem?",
    "Over the last 2 weeks, how often have you been bothered by the following problems?",
    "خلال الأسبوعين الماضيين، كم مرة عانيت من المشاكل التالية؟",
    "Labadii toddobaad ee la soo dhaafay, intee jeer ayay ku dhibeen dhibaatooyinkan soo socda?")

# ---------------------------------------------------------------- stress (own)
STRESS = {
    "stress_overwhelmed": T(
        "Har du under den senaste månaden ofta känt att vardagen med barnet är mer än du orkar med?",
        "During the past month, have you often felt that everyday life with your child is more than you can manage?",
        "خلال الشهر الماضي، هل شعرت كثيراً بأن الحياة اليومية مع طفلك أكثر مما تستطيع/ين تحمّله؟",
        "Bishii la soo dhaafay, ma inta badan dareentay in nolol maalmeedka ilmahaaga ay ka badan tahay inta aad qaadi karto?"),
    "stress_support": T(
        "Har du någon som kan hjälpa dig med barnet när du behöver det, till exempel när du behöver vila?",
        "Do you have someone who can help you with your child when you need it, for example when you need to rest?",
        "هل لديك شخص يمكنه مساعدتك مع طفلك عندما تحتاج/ين إلى ذلك، مثلاً عندما تحتاج/ين إلى الراحة؟",
        "Ma haysaa qof kaa caawin kara ilmahaaga marka aad u baahato, tusaale ahaan marka aad u baahato inaad nasato?"),
    "stress_irritable": T(
        "Har du under den senaste månaden ofta känt dig irriterad eller haft kort tålamod med ditt barn?",
        "During the past month, have you often felt irritable or short-tempered with your child?",
        "خلال الشهر الماضي، هل شعرت كثيراً بالانزعاج أو بنفاد الصبر مع طفلك؟",
        "Bishii la soo dhaafay, ma inta badan dareentay xanaaq ama dulqaad yari xagga ilmahaaga?"),
    # pilot 1.1.0: graded replacement for stress_overwhelmed
    "stress_coping": T(
        "Hur ofta har du under de senaste två veckorna känt att du inte orkar med vardagen med barnet?",
        "In the past two weeks, how often have you felt that you could not cope with everyday life with your child?",
        "خلال الأسبوعين الماضيين، كم مرة شعرت بأنك لا تستطيع/ين التأقلم مع الحياة اليومية مع طفلك؟",
        "Labadii toddobaad ee la soo dhaafay, intee jeer ayaad dareentay inaadan la qabsan karin nolol maalmeedka ilmahaaga?"),
}
COPING_OPTS = [
    ("0", 0, T("Aldrig", "Never", "أبداً", "Marnaba")),
    ("1", 1, T("Ibland", "Sometimes", "أحياناً", "Mararka qaarkood")),
    ("2", 2, T("Ofta", "Often", "كثيراً", "Inta badan")),
    ("3", 3, T("Nästan hela tiden", "Almost all the time", "معظم الوقت تقريباً", "Ku dhowaad had iyo jeer")),
]

# ---------------------------------------------------------------- AUDIT-C (WHO)
AUDIT = [
    ("68518-0",
     T("Hur ofta dricker du alkohol?", "How often do you have a drink containing alcohol?",
       "كم مرة تتناول/ين مشروباً يحتوي على الكحول؟",
       "Intee jeer ayaad cabtaa cabitaan khamri ku jiro?"),
     None,
     [("0", "LA6270-8", T("Aldrig", "Never", "أبداً", "Marnaba")),
      ("1", "LA18926-8", T("1 gång i månaden eller mer sällan", "Monthly or less", "مرة في الشهر أو أقل", "Bishii hal mar ama ka yar")),
      ("2", "LA18927-6", T("2–4 gånger i månaden", "2 to 4 times a month", "2–4 مرات في الشهر", "2–4 jeer bishii")),
      ("3", "LA18928-4", T("2–3 gånger i veckan", "2 to 3 times a week", "2–3 مرات في الأسبوع", "2–3 jeer toddobaadkii")),
      ("4", "LA18929-2", T("4 gånger i veckan eller mer", "4 or more times a week", "4 مرات أو أكثر في الأسبوع", "4 jeer ama ka badan toddobaadkii"))]),
    ("68519-8",
     T("Hur många standardglas dricker du en typisk dag då du dricker alkohol?",
       "How many drinks containing alcohol do you have on a typical day when you are drinking?",
       "كم عدد المشروبات التي تحتوي على الكحول التي تتناولها في يوم عادي عندما تشرب/ين؟",
       "Imisa cabitaan oo khamri ku jiro ayaad cabtaa maalin caadi ah marka aad cabayso?"),
     T("Ett standardglas innehåller ungefär 12 gram alkohol, till exempel en flaska eller burk starköl (33 cl), ett glas vin (12–15 cl), ett glas starkvin (8 cl) eller 4 cl sprit.",
       "A standard drink holds about 12 grams of alcohol, for example a bottle or can of strong beer (33 cl), a glass of wine (12–15 cl), a glass of fortified wine (8 cl) or 4 cl of spirits.",
       "يحتوي المشروب القياسي على نحو 12 غراماً من الكحول، مثلاً زجاجة أو علبة بيرة قوية (33 سل)، أو كأس نبيذ (12–15 سل)، أو كأس نبيذ مقوّى (8 سل)، أو 4 سل من المشروبات الروحية.",
       "Hal koob oo caadi ah wuxuu ka kooban yahay qiyaastii 12 garaam oo khamri ah, tusaale ahaan dhalo ama gasac biir xoog leh (33 cl), koob khamri canab ah (12–15 cl), koob khamri la adkeeyay (8 cl) ama 4 cl oo khamri adag ah."),
     [("0", "LA15694-5", T("1–2", "1 or 2", "1 أو 2", "1 ama 2")),
      ("1", "LA15695-2", T("3–4", "3 or 4", "3 أو 4", "3 ama 4")),
      ("2", "LA18930-0", T("5–6", "5 or 6", "5 أو 6", "5 ama 6")),
      ("3", "LA18931-8", T("7–9", "7, 8, or 9", "7 إلى 9", "7 ilaa 9")),
      ("4", "LA18932-6", T("10 eller fler", "10 or more", "10 أو أكثر", "10 ama ka badan"))]),
    ("68520-6",
     T("Hur ofta dricker du sex standardglas eller mer vid samma tillfälle?",
       "How often do you have six or more drinks on one occasion?",
       "كم مرة تتناول/ين ستة مشروبات أو أكثر في مناسبة واحدة؟",
       "Intee jeer ayaad hal mar cabtaa lix koob ama ka badan?"),
     None,
     [("0", "LA6270-8", T("Aldrig", "Never", "أبداً", "Marnaba")),
      ("1", "LA18933-4", T("Mer sällan än en gång i månaden", "Less than monthly", "أقل من مرة في الشهر", "Bishii hal mar ka yar")),
      ("2", "LA18876-5", T("Varje månad", "Monthly", "شهرياً", "Bil kasta")),
      ("3", "LA18891-4", T("Varje vecka", "Weekly", "أسبوعياً", "Toddobaad kasta")),
      ("4", "LA18934-2", T("Dagligen eller nästan varje dag", "Daily or almost daily", "يومياً أو شبه يومياً", "Maalin kasta ama ku dhowaad maalin kasta"))]),
]

# ---------------------------------------------------------------- violence (own)
VIOLENCE_INTRO = T(
    "Vi ställer de här frågorna till alla föräldrar, eftersom våld i nära relationer är vanligt och påverkar både vuxna och barn. Dina svar visas inte för någon annan i familjen.",
    "We ask all parents these questions, because violence in close relationships is common and affects both adults and children. Your answers are not shown to anyone else in your family.",
    "نطرح هذه الأسئلة على جميع الآباء والأمهات، لأن العنف في العلاقات القريبة شائع ويؤثر على الكبار والأطفال. لا تُعرض إجاباتك على أي شخص آخر في عائلتك.",
    "Su'aalahan waxaan weydiinnaa dhammaan waalidiinta, sababtoo ah rabshadaha xiriirrada dhow waa wax badanaa dhaca oo saameeya dadka waaweyn iyo carruurta labadaba. Jawaabahaaga looma muujinayo qof kale oo qoyskaaga ka mid ah.")
VIOLENCE_EVER = T(
    "Har någon som står dig nära – till exempel en partner, en tidigare partner eller någon i familjen – någon gång slagit, hotat, kontrollerat eller skrämt dig?",
    "Has anyone close to you – for example a partner, a former partner or someone in your family – ever hit, threatened, controlled or frightened you?",
    "هل سبق أن قام شخص قريب منك – مثل شريك حياة أو شريك سابق أو أحد أفراد العائلة – بضربك أو تهديدك أو التحكم بك أو إخافتك؟",
    "Qof kuu dhow – tusaale ahaan lammaane, lammaane hore ama qof qoyskaaga ka mid ah – weligiis ma ku garaacay, ku hanjabay, ku xakameeyay ama ku cabsiiyay?")
VIOLENCE_NOW = T(
    "Händer det fortfarande, eller har det hänt under det senaste året?",
    "Is this still happening, or has it happened during the past year?",
    "هل ما زال هذا يحدث، أو هل حدث خلال السنة الماضية؟",
    "Weli ma dhacayaa, mise wuu dhacay sannadkii la soo dhaafay?")

# ---------------------------------------------------------------- support (own)
SUPPORT_WISH = T(
    "Vill du prata med din BVC-sjuksköterska om något av det du har svarat på här, eller om något annat?",
    "Would you like to talk with your child health nurse about anything you have answered here, or about anything else?",
    "هل ترغب/ين في التحدث مع ممرضة صحة الطفل عن أي شيء أجبت عنه هنا، أو عن أي شيء آخر؟",
    "Ma jeclaan lahayd inaad kala hadasho kalkaalisada caafimaadka carruurta wax ka mid ah waxa aad halkan uga jawaabtay, ama wax kale?")

# ---------------------------------------------------------------- findings titles
FINDING_TITLES = {
    "low_mood": T("Nedstämdhet (PHQ-2 ≥ 3)", "Low mood (PHQ-2 ≥ 3)"),
    "depression": T("Depressiva symtom (PHQ-9 ≥ 10)", "Depressive symptoms (PHQ-9 ≥ 10)"),
    "depression_severe": T("Svårare depressiva symtom (PHQ-9 ≥ 15)", "Moderately severe or severe depressive symptoms (PHQ-9 ≥ 15)"),
    "self_harm": T("Tankar på att vara död eller skada sig själv (PHQ-9 fråga 9 > 0)", "Thoughts of being better off dead or of self-harm (PHQ-9 item 9 > 0)"),
    "self_harm_unanswered": T("Frågan om tankar på att vara död eller skada sig själv (PHQ-9 fråga 9) ställdes men besvarades inte", "PHQ-9 item 9 (thoughts of death or self-harm) was asked but not answered"),
    "mood_not_answered": T("Frågorna om nedstämdhet (PHQ-2) besvarades inte", "The low-mood questions (PHQ-2) were not answered"),
    "anxiety": T("Oro/ångest (GAD-2 ≥ 3)", "Anxiety (GAD-2 ≥ 3)"),
    "food_insecurity": T("Risk för matosäkerhet (Hunger Vital Sign)", "Risk of food insecurity (Hunger Vital Sign)"),
    "money_worries": T("Oro för ekonomin", "Money worries"),
    "parental_stress": T("Hög föräldrastress", "High parental stress"),
    "risky_alcohol": T("Riskbruk av alkohol (AUDIT-C)", "Risky alcohol use (AUDIT-C)"),
    "high_alcohol": T("Hög poäng på AUDIT-C (8–12)", "High AUDIT-C score (8–12)"),
    "violence_past": T("Har tidigare utsatts för våld i nära relation", "Violence in a close relationship earlier"),
    "violence_ongoing": T("Pågående våld i nära relation (senaste året)", "Ongoing violence in a close relationship (past year)"),
    "child_at_risk": T("Förälder rädd att skada barnet", "Parent afraid of hurting the child"),
    "wants_talk": T("Föräldern vill prata med BVC-sjuksköterskan", "The parent would like to talk with the nurse"),
    "safety_sleep": T("Sover inte på rygg", "Not put to sleep on the back"),
    "safety_car": T("Bilbarnstol används inte alltid", "Child car seat not always used"),
    "safety_crying": T("Ingen plan när gråten blir för mycket", "No plan for when crying gets too much"),
    "safety_falls_surface": T("Risk för fall från skötbord, säng eller soffa", "Risk of falls from changing table, bed or sofa"),
    "safety_falls": T("Hemmet inte säkrat mot fall", "Home not made safe against falls"),
    "safety_small_objects": T("Små föremål inom räckhåll", "Small objects within reach"),
    "safety_hot_liquids": T("Varma vätskor inom räckhåll", "Hot liquids within reach"),
    "safety_poisons": T("Läkemedel eller kemikalier inom räckhåll", "Medicines or chemicals within reach"),
    "safety_stairs": T("Trappor utan grind", "Stairs without gates"),
    "safety_water": T("Barnet inte alltid under uppsikt vid vatten", "Child not always supervised near water"),
    "safety_smoke_alarm": T("Ingen fungerande brandvarnare", "No working smoke alarm"),
    "safety_firearms": T("Skjutvapen förvaras inte alltid inlåsta", "Firearms not always locked away"),
    "safety_street": T("Barnet inte alltid nära vuxen vid gator", "Child not always kept close near streets"),
    "safety_helmet": T("Ingen hjälm vid cykling eller sparkcykel", "No helmet when cycling or on a kick scooter"),
}

# Human titles of the rules (clinician-facing; shown as the reason for an offer or action).
RULE_TITLES = {
    "self-harm": T("Tankar på att vara död eller skada sig själv: kontakt samma dag och remiss", "Thoughts of death or self-harm: same-day contact and referral"),
    "child-at-risk": T("Förälder rädd att skada barnet: kontakt samma dag", "Parent afraid of hurting the child: same-day contact"),
    "violence-ongoing": T("Pågående våld: kontakt samma dag, samtal med föräldern ensam", "Ongoing violence: same-day contact, a talk with the parent alone"),
    "violence-ongoing-shelter": T("Pågående våld: stöd från kvinnojour", "Ongoing violence: support from a women's shelter"),
    "violence-ongoing-men": T("Pågående våld: stöd från ideell organisation", "Ongoing violence: support from a voluntary organisation"),
    "economy-and-stress": T("Ekonomisk oro och hög stress: hembesök med socialtjänsten", "Money worries and high stress: home visit with social services"),
    "mood-and-stress": T("Nedstämdhet och hög stress: hembesök", "Low mood and high stress: home visit"),
    "depression-severe": T("Svårare depressiva symtom: remiss till vuxenpsykiatrin", "Severe depressive symptoms: referral to adult psychiatry"),
    "mood": T("Nedstämdhet eller depressiva symtom: samtal och information", "Low mood or depressive symptoms: a talk and information"),
    "mood-not-answered": T("Frågorna om nedstämdhet besvarades inte: samtal", "Low-mood questions not answered: a talk"),
    "anxiety": T("Oro/ångest: samtal och information", "Anxiety: a talk and information"),
    "violence-past": T("Tidigare våld: samtal med föräldern ensam och information", "Earlier violence: a talk with the parent alone and information"),
    "food-insecurity": T("Risk för matosäkerhet: samtal med socialtjänsten och ekonomiskt stöd", "Risk of food insecurity: a talk with social services and economic support"),
    "money-worries": T("Oro för ekonomin: samtal och information", "Money worries: a talk and information"),
    "parental-stress": T("Hög föräldrastress: samtal och information", "High parental stress: a talk and information"),
    "alcohol-high": T("Hög AUDIT-C-poäng: remiss till beroendevården", "High AUDIT-C score: referral to addiction care"),
    "alcohol": T("Riskbruk av alkohol: samtal och information", "Risky alcohol use: a talk and information"),
    "wants-talk": T("Föräldern vill prata med sjuksköterskan", "The parent would like to talk with the nurse"),
}
