// Content models of the UN/CEFACT Cross Industry Invoice D16B schemas (CrossIndustryInvoice_100pD16B.xsd and
// the ReusableAggregateBusinessInformationEntity, QualifiedDataType, UnqualifiedDataType modules, the
// "D16B SCRDM (Subset)" set that CEN/TC 434 publishes for EN 16931), for every type reachable from
// CrossIndustryInvoice. Derived by scripts/xsd-content-models.ts (do not edit by hand) from
// ConnectingEurope/eInvoicing-EN16931@b6c9e06a (validation artefacts 1.3.16), cii/schema/D16B SCRDM (Subset)/uncoupled clm/CII/uncefact/data/standard.
//
// Copyright (C) UN/CEFACT (2016). All Rights Reserved.
// This document and translations of it may be copied and furnished to others, and derivative works that
// comment on or otherwise explain it or assist in its implementation may be prepared, copied, published
// and distributed, in whole or in part, without restriction of any kind, provided that the above copyright
// notice and this paragraph are included on all such copies and derivative works. However, this document
// itself may not be modified in any way, such as by removing the copyright notice or references to
// UN/CEFACT, except as needed for the purpose of developing UN/CEFACT specifications, in which case the
// procedures for copyrights defined in the UN/CEFACT Intellectual Property Rights document must be
// followed, or as required to translate it into languages other than English.
import type { SchemaTables } from './tables.ts';

export const CII_D16B: SchemaTables = {
  prefixes: {
    rsm: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
    ram: 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
    udt: 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
    qdt: 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
  },
  roots: {
    'rsm:CrossIndustryInvoice': 'rsm:CrossIndustryInvoice',
  },
  elements: {},
  leaves: {
    text: 'qdt:AccountingAccountTypeCode qdt:AccountingAmountTypeCode qdt:AccountingDocumentCode qdt:AdjustmentReasonCode qdt:AllowanceChargeIdentificationCode qdt:AllowanceChargeReasonCode qdt:AutomaticDataCaptureMethodCode qdt:CargoCategoryCode qdt:CargoCommodityCategoryCode qdt:CargoOperationalCategoryCode qdt:ChargePayingPartyRoleCode qdt:CommunicationChannelCode qdt:ContactTypeCode qdt:CountryID qdt:CurrencyCode qdt:DateTimeString_1 qdt:DeliveryTermsCode qdt:DimensionTypeCode qdt:DocumentCode qdt:DocumentStatusCode qdt:FreightChargeTariffClassCode qdt:FreightChargeTypeID qdt:GoodsTypeCode qdt:GoodsTypeExtensionCode qdt:LineStatusCode qdt:LogisticsChargeCalculationBasisCode qdt:MessageFunctionCode qdt:PackageTypeCode qdt:PackagingMarkingCode qdt:PartyRoleCode qdt:PaymentGuaranteeMeansCode qdt:PaymentMeansChannelCode qdt:PaymentMeansCode qdt:PaymentTermsEventTimeReferenceCode qdt:PaymentTermsID qdt:PaymentTermsTypeCode qdt:PriceTypeCode qdt:ReferenceCode qdt:TaxCategoryCode qdt:TaxTypeCode qdt:TimeReferenceCode qdt:TransportEquipmentCategoryCode qdt:TransportEquipmentFullnessCode qdt:TransportEquipmentSizeTypeCode qdt:TransportMeansTypeCode qdt:TransportModeCode qdt:TransportMovementStageCode udt:Code udt:DateString_3 udt:DateTimeString_2 udt:ID udt:IndicatorString_4 udt:Text',
    boolean: 'xsd:boolean',
    dateTime: 'xsd:dateTime',
    decimal:
      'qdt:LinearUnitMeasure qdt:VolumeUnitMeasure qdt:WeightUnitMeasure udt:Amount udt:Measure udt:Numeric udt:Percent udt:Quantity udt:Rate udt:Value',
    base64Binary: 'udt:BinaryObject',
    date: 'xsd:date',
  },
  types: {
    'rsm:CrossIndustryInvoice':
      'rsm:ExchangedDocumentContext=ExchangedDocumentContext rsm:ExchangedDocument=ExchangedDocument rsm:SupplyChainTradeTransaction=SupplyChainTradeTransaction rsm:ValuationBreakdownStatement=ValuationBreakdownStatement?',
    ExchangedDocumentContext:
      'ram:SpecifiedTransactionID=udt:ID? ram:TestIndicator=udt:Indicator? ram:BusinessProcessSpecifiedDocumentContextParameter=DocumentContextParameter* ram:BIMSpecifiedDocumentContextParameter=DocumentContextParameter* ram:ScenarioSpecifiedDocumentContextParameter=DocumentContextParameter* ram:ApplicationSpecifiedDocumentContextParameter=DocumentContextParameter* ram:GuidelineSpecifiedDocumentContextParameter=DocumentContextParameter* ram:SubsetSpecifiedDocumentContextParameter=DocumentContextParameter* ram:MessageStandardSpecifiedDocumentContextParameter=DocumentContextParameter?',
    ExchangedDocument:
      'ram:ID=udt:ID ram:Name=udt:Text* ram:TypeCode=qdt:DocumentCode? ram:IssueDateTime=udt:DateTime ram:CopyIndicator=udt:Indicator? ram:Purpose=udt:Text? ram:ControlRequirementIndicator=udt:Indicator? ram:LanguageID=udt:ID* ram:PurposeCode=qdt:MessageFunctionCode? ram:RevisionDateTime=udt:DateTime? ram:VersionID=udt:ID? ram:GlobalID=udt:ID? ram:RevisionID=udt:ID? ram:PreviousRevisionID=udt:ID? ram:CategoryCode=udt:Code? ram:IncludedNote=Note* ram:EffectiveSpecifiedPeriod=SpecifiedPeriod? ram:IssuerTradeParty=TradeParty?',
    SupplyChainTradeTransaction:
      'ram:IncludedSupplyChainTradeLineItem=SupplyChainTradeLineItem* ram:ApplicableHeaderTradeAgreement=HeaderTradeAgreement ram:ApplicableHeaderTradeDelivery=HeaderTradeDelivery ram:ApplicableHeaderTradeSettlement=HeaderTradeSettlement',
    ValuationBreakdownStatement:
      'ram:ID=udt:ID ram:Name=udt:Text ram:Description=udt:Text* ram:MeasurementMethodID=udt:ID* ram:CreationDateTime=udt:DateTime ram:DefaultCurrencyCode=qdt:CurrencyCode ram:DefaultLanguageCode=udt:Code ram:Comment=udt:Text* ram:TypeCode=udt:Code* ram:RequestedActionCode=udt:Code* ram:PriceListID=udt:ID? ram:ContractualLanguageCode=udt:Code? ram:ItemGroupedWorkItem=GroupedWorkItem* ram:ItemBasicWorkItem=BasicWorkItem* ram:TotalCalculatedPrice=CalculatedPrice* ram:ChangedRecordedStatus=RecordedStatus* ram:CreationSpecifiedBinaryFile=SpecifiedBinaryFile* ram:ReaderSpecifiedBinaryFile=SpecifiedBinaryFile* ram:ReferencedSpecifiedBinaryFile=SpecifiedBinaryFile*',
    'udt:Indicator': '(udt:IndicatorString=udt:IndicatorString_4|udt:Indicator=xsd:boolean)',
    DocumentContextParameter: 'ram:ID=udt:ID? ram:Value=udt:Text? ram:SpecifiedDocumentVersion=DocumentVersion?',
    'udt:DateTime': '(udt:DateTimeString=udt:DateTimeString_2|udt:DateTime=xsd:dateTime)',
    Note: 'ram:Subject=udt:Text? ram:ContentCode=udt:Code? ram:Content=udt:Text* ram:SubjectCode=udt:Code? ram:ID=udt:ID?',
    SpecifiedPeriod:
      'ram:DurationMeasure=udt:Measure* ram:InclusiveIndicator=udt:Indicator? ram:Description=udt:Text* ram:StartDateTime=udt:DateTime? ram:EndDateTime=udt:DateTime? ram:CompleteDateTime=udt:DateTime? ram:OpenIndicator=udt:Indicator? ram:SeasonCode=udt:Code? ram:ID=udt:ID? ram:Name=udt:Text* ram:SequenceNumeric=udt:Numeric? ram:StartDateFlexibilityCode=udt:Code? ram:ContinuousIndicator=udt:Indicator? ram:PurposeCode=udt:Code?',
    TradeParty:
      'ram:ID=udt:ID* ram:GlobalID=udt:ID* ram:Name=udt:Text? ram:RoleCode=qdt:PartyRoleCode* ram:Description=udt:Text* ram:SpecifiedLegalOrganization=LegalOrganization? ram:DefinedTradeContact=TradeContact* ram:PostalTradeAddress=TradeAddress? ram:URIUniversalCommunication=UniversalCommunication* ram:SpecifiedTaxRegistration=TaxRegistration* ram:EndPointURIUniversalCommunication=UniversalCommunication? ram:LogoAssociatedSpecifiedBinaryFile=SpecifiedBinaryFile*',
    SupplyChainTradeLineItem:
      'ram:DescriptionCode=udt:Code? ram:AssociatedDocumentLineDocument=DocumentLineDocument ram:SpecifiedTradeProduct=TradeProduct? ram:SpecifiedLineTradeAgreement=LineTradeAgreement? ram:SpecifiedLineTradeDelivery=LineTradeDelivery? ram:SpecifiedLineTradeSettlement=LineTradeSettlement ram:IncludedSubordinateTradeLineItem=SubordinateTradeLineItem*',
    HeaderTradeAgreement:
      'ram:Reference=udt:Text* ram:BuyerReference=udt:Text? ram:SellerTradeParty=TradeParty? ram:BuyerTradeParty=TradeParty? ram:SalesAgentTradeParty=TradeParty? ram:BuyerRequisitionerTradeParty=TradeParty* ram:BuyerAssignedAccountantTradeParty=TradeParty? ram:SellerAssignedAccountantTradeParty=TradeParty? ram:BuyerTaxRepresentativeTradeParty=TradeParty? ram:SellerTaxRepresentativeTradeParty=TradeParty? ram:ProductEndUserTradeParty=TradeParty? ram:ApplicableTradeDeliveryTerms=TradeDeliveryTerms? ram:SellerOrderReferencedDocument=ReferencedDocument? ram:BuyerOrderReferencedDocument=ReferencedDocument? ram:QuotationReferencedDocument=ReferencedDocument? ram:OrderResponseReferencedDocument=ReferencedDocument? ram:ContractReferencedDocument=ReferencedDocument? ram:DemandForecastReferencedDocument=ReferencedDocument? ram:SupplyInstructionReferencedDocument=ReferencedDocument? ram:PromotionalDealReferencedDocument=ReferencedDocument? ram:PriceListReferencedDocument=ReferencedDocument? ram:AdditionalReferencedDocument=ReferencedDocument* ram:RequisitionerReferencedDocument=ReferencedDocument* ram:BuyerAgentTradeParty=TradeParty? ram:PurchaseConditionsReferencedDocument=ReferencedDocument* ram:SpecifiedProcuringProject=ProcuringProject? ram:UltimateCustomerOrderReferencedDocument=ReferencedDocument*',
    HeaderTradeDelivery:
      'ram:RelatedSupplyChainConsignment=SupplyChainConsignment? ram:ShipToTradeParty=TradeParty? ram:UltimateShipToTradeParty=TradeParty? ram:ShipFromTradeParty=TradeParty? ram:ActualDespatchSupplyChainEvent=SupplyChainEvent? ram:ActualPickUpSupplyChainEvent=SupplyChainEvent? ram:ActualDeliverySupplyChainEvent=SupplyChainEvent? ram:ActualReceiptSupplyChainEvent=SupplyChainEvent? ram:AdditionalReferencedDocument=ReferencedDocument* ram:DespatchAdviceReferencedDocument=ReferencedDocument? ram:ReceivingAdviceReferencedDocument=ReferencedDocument? ram:DeliveryNoteReferencedDocument=ReferencedDocument? ram:ConsumptionReportReferencedDocument=ReferencedDocument? ram:PreviousDeliverySupplyChainEvent=SupplyChainEvent* ram:PackingListReferencedDocument=ReferencedDocument?',
    HeaderTradeSettlement:
      'ram:DuePayableAmount=udt:Amount* ram:CreditorReferenceTypeCode=udt:Code* ram:CreditorReferenceType=udt:Text* ram:CreditorReferenceIssuerID=udt:ID* ram:CreditorReferenceID=udt:ID? ram:PaymentReference=udt:Text* ram:TaxCurrencyCode=qdt:CurrencyCode? ram:InvoiceCurrencyCode=qdt:CurrencyCode? ram:PaymentCurrencyCode=qdt:CurrencyCode? ram:InvoiceIssuerReference=udt:Text? ram:InvoiceDateTime=udt:DateTime? ram:NextInvoiceDateTime=udt:DateTime* ram:CreditReasonCode=udt:Code? ram:CreditReason=udt:Text* ram:InvoicerTradeParty=TradeParty? ram:InvoiceeTradeParty=TradeParty? ram:PayeeTradeParty=TradeParty? ram:PayerTradeParty=TradeParty? ram:TaxApplicableTradeCurrencyExchange=TradeCurrencyExchange? ram:InvoiceApplicableTradeCurrencyExchange=TradeCurrencyExchange? ram:PaymentApplicableTradeCurrencyExchange=TradeCurrencyExchange? ram:SpecifiedTradeSettlementPaymentMeans=TradeSettlementPaymentMeans* ram:ApplicableTradeTax=TradeTax* ram:BillingSpecifiedPeriod=SpecifiedPeriod? ram:SpecifiedTradeAllowanceCharge=TradeAllowanceCharge* ram:SubtotalCalculatedTradeTax=TradeTax* ram:SpecifiedLogisticsServiceCharge=LogisticsServiceCharge* ram:SpecifiedTradePaymentTerms=TradePaymentTerms* ram:SpecifiedTradeSettlementHeaderMonetarySummation=TradeSettlementHeaderMonetarySummation? ram:SpecifiedFinancialAdjustment=FinancialAdjustment* ram:InvoiceReferencedDocument=ReferencedDocument? ram:ProFormaInvoiceReferencedDocument=ReferencedDocument? ram:LetterOfCreditReferencedDocument=ReferencedDocument? ram:FactoringAgreementReferencedDocument=ReferencedDocument* ram:FactoringListReferencedDocument=ReferencedDocument* ram:PayableSpecifiedTradeAccountingAccount=TradeAccountingAccount* ram:ReceivableSpecifiedTradeAccountingAccount=TradeAccountingAccount* ram:PurchaseSpecifiedTradeAccountingAccount=TradeAccountingAccount* ram:SalesSpecifiedTradeAccountingAccount=TradeAccountingAccount* ram:SpecifiedTradeSettlementFinancialCard=TradeSettlementFinancialCard* ram:SpecifiedAdvancePayment=AdvancePayment* ram:UltimatePayeeTradeParty=TradeParty?',
    GroupedWorkItem:
      'ram:ID=udt:ID ram:PrimaryClassificationCode=udt:Code* ram:AlternativeClassificationCode=udt:Code* ram:TypeCode=udt:Code* ram:Comment=udt:Text* ram:TotalQuantity=udt:Quantity? ram:Index=udt:Text? ram:RequestedActionCode=udt:Code* ram:PriceListItemID=udt:ID? ram:ContractualLanguageCode=udt:Code? ram:TotalCalculatedPrice=CalculatedPrice* ram:ItemGroupedWorkItem=GroupedWorkItem* ram:ItemBasicWorkItem=BasicWorkItem* ram:ChangedRecordedStatus=RecordedStatus* ram:ActualWorkItemComplexDescription=WorkItemComplexDescription* ram:ReferencedSpecifiedBinaryFile=SpecifiedBinaryFile*',
    BasicWorkItem:
      'ram:ID=udt:ID ram:ReferenceID=udt:ID? ram:PrimaryClassificationCode=udt:Code* ram:AlternativeClassificationCode=udt:Code* ram:TypeCode=udt:Code* ram:Comment=udt:Text* ram:TotalQuantity=udt:Quantity? ram:TotalQuantityClassificationCode=udt:Code? ram:IndexValue=udt:Value? ram:StatusCode=udt:Code* ram:ReferenceFileBinaryObject=udt:BinaryObject* ram:Index=udt:Text? ram:RequestedActionCode=udt:Code* ram:PriceListItemID=udt:ID? ram:ContractualLanguageCode=udt:Code? ram:ActualWorkItemComplexDescription=WorkItemComplexDescription* ram:TotalQuantityWorkItemQuantityAnalysis=WorkItemQuantityAnalysis* ram:UnitCalculatedPrice=CalculatedPrice* ram:TotalCalculatedPrice=CalculatedPrice* ram:SubordinateBasicWorkItem=BasicWorkItem* ram:ChangedRecordedStatus=RecordedStatus* ram:ItemBasicWorkItem=BasicWorkItem* ram:ReferencedSpecifiedBinaryFile=SpecifiedBinaryFile*',
    CalculatedPrice:
      'ram:TypeCode=udt:Code* ram:ChargeAmount=udt:Amount* ram:RelatedAppliedAllowanceCharge=AppliedAllowanceCharge*',
    RecordedStatus: 'ram:ConditionCode=udt:Code ram:ChangerName=udt:Text? ram:ChangedDateTime=udt:DateTime',
    SpecifiedBinaryFile:
      'ram:ID=udt:ID* ram:Title=udt:Text* ram:AuthorName=udt:Text* ram:VersionID=udt:ID? ram:FileName=udt:Text? ram:URIID=udt:ID? ram:MIMECode=udt:Code? ram:EncodingCode=udt:Code? ram:CharacterSetCode=udt:Code? ram:IncludedBinaryObject=udt:BinaryObject* ram:Access=udt:Text* ram:Description=udt:Text* ram:SizeMeasure=udt:Measure? ram:AccessAvailabilitySpecifiedPeriod=SpecifiedPeriod?',
    DocumentVersion: 'ram:ID=udt:ID? ram:Name=udt:Text? ram:IssueDateTime=udt:DateTime?',
    LegalOrganization:
      'ram:LegalClassificationCode=udt:Code? ram:Name=udt:Text? ram:ID=udt:ID? ram:TradingBusinessName=udt:Text? ram:PostalTradeAddress=TradeAddress? ram:AuthorizedLegalRegistration=LegalRegistration*',
    TradeContact:
      'ram:ID=udt:ID? ram:PersonName=udt:Text? ram:DepartmentName=udt:Text? ram:TypeCode=qdt:ContactTypeCode? ram:JobTitle=udt:Text? ram:Responsibility=udt:Text? ram:PersonID=udt:ID* ram:TelephoneUniversalCommunication=UniversalCommunication? ram:DirectTelephoneUniversalCommunication=UniversalCommunication? ram:MobileTelephoneUniversalCommunication=UniversalCommunication? ram:FaxUniversalCommunication=UniversalCommunication? ram:EmailURIUniversalCommunication=UniversalCommunication? ram:TelexUniversalCommunication=UniversalCommunication? ram:VOIPUniversalCommunication=UniversalCommunication? ram:InstantMessagingUniversalCommunication=UniversalCommunication? ram:SpecifiedNote=Note* ram:SpecifiedContactPerson=ContactPerson?',
    TradeAddress:
      'ram:ID=udt:ID? ram:PostcodeCode=udt:Code? ram:PostOfficeBox=udt:Text? ram:BuildingName=udt:Text? ram:LineOne=udt:Text? ram:LineTwo=udt:Text? ram:LineThree=udt:Text? ram:LineFour=udt:Text? ram:LineFive=udt:Text? ram:StreetName=udt:Text? ram:CityName=udt:Text? ram:CitySubDivisionName=udt:Text? ram:CountryID=qdt:CountryID? ram:CountryName=udt:Text* ram:CountrySubDivisionID=udt:ID? ram:CountrySubDivisionName=udt:Text* ram:AttentionOf=udt:Text? ram:CareOf=udt:Text? ram:BuildingNumber=udt:Text? ram:DepartmentName=udt:Text? ram:AdditionalStreetName=udt:Text?',
    UniversalCommunication:
      'ram:URIID=udt:ID? ram:ChannelCode=qdt:CommunicationChannelCode? ram:CompleteNumber=udt:Text?',
    TaxRegistration: 'ram:ID=udt:ID? ram:AssociatedRegisteredTax=RegisteredTax?',
    DocumentLineDocument:
      'ram:LineID=udt:ID? ram:ParentLineID=udt:ID? ram:LineStatusCode=qdt:LineStatusCode? ram:LineStatusReasonCode=udt:Code? ram:IncludedNote=Note*',
    TradeProduct:
      'ram:ID=udt:ID? ram:GlobalID=udt:ID? ram:SellerAssignedID=udt:ID? ram:BuyerAssignedID=udt:ID? ram:ManufacturerAssignedID=udt:ID? ram:Name=udt:Text* ram:TradeName=udt:Text? ram:Description=udt:Text? ram:TypeCode=udt:Code? ram:NetWeightMeasure=udt:Measure? ram:GrossWeightMeasure=udt:Measure? ram:ProductGroupID=udt:ID* ram:EndItemTypeCode=udt:Code* ram:EndItemName=udt:Text* ram:AreaDensityMeasure=udt:Measure? ram:UseDescription=udt:Text* ram:BrandName=udt:Text? ram:SubBrandName=udt:Text? ram:DrainedNetWeightMeasure=udt:Measure? ram:VariableMeasureIndicator=udt:Indicator? ram:ColourCode=udt:Code? ram:ColourDescription=udt:Text* ram:Designation=udt:Text* ram:FormattedCancellationAnnouncedLaunchDateTime=qdt:FormattedDateTime? ram:FormattedLatestProductDataChangeDateTime=qdt:FormattedDateTime? ram:ApplicableProductCharacteristic=ProductCharacteristic* ram:ApplicableMaterialGoodsCharacteristic=MaterialGoodsCharacteristic* ram:DesignatedProductClassification=ProductClassification* ram:IndividualTradeProductInstance=TradeProductInstance* ram:CertificationEvidenceReferenceReferencedDocument=ReferencedDocument* ram:InspectionReferenceReferencedDocument=ReferencedDocument* ram:OriginTradeCountry=TradeCountry? ram:LinearSpatialDimension=SpatialDimension? ram:MinimumLinearSpatialDimension=SpatialDimension? ram:MaximumLinearSpatialDimension=SpatialDimension? ram:ManufacturerTradeParty=TradeParty? ram:PresentationSpecifiedBinaryFile=SpecifiedBinaryFile* ram:MSDSReferenceReferencedDocument=ReferencedDocument? ram:AdditionalReferenceReferencedDocument=ReferencedDocument* ram:LegalRightsOwnerTradeParty=TradeParty? ram:BrandOwnerTradeParty=TradeParty? ram:IncludedReferencedProduct=ReferencedProduct* ram:InformationNote=Note*',
    LineTradeAgreement:
      'ram:BuyerReference=udt:Text? ram:BuyerRequisitionerTradeParty=TradeParty* ram:ApplicableTradeDeliveryTerms=TradeDeliveryTerms? ram:SellerOrderReferencedDocument=ReferencedDocument? ram:BuyerOrderReferencedDocument=ReferencedDocument? ram:QuotationReferencedDocument=ReferencedDocument? ram:ContractReferencedDocument=ReferencedDocument? ram:DemandForecastReferencedDocument=ReferencedDocument? ram:PromotionalDealReferencedDocument=ReferencedDocument? ram:AdditionalReferencedDocument=ReferencedDocument* ram:GrossPriceProductTradePrice=TradePrice? ram:NetPriceProductTradePrice=TradePrice? ram:RequisitionerReferencedDocument=ReferencedDocument* ram:ItemSellerTradeParty=TradeParty? ram:ItemBuyerTradeParty=TradeParty? ram:IncludedSpecifiedMarketplace=SpecifiedMarketplace? ram:UltimateCustomerOrderReferencedDocument=ReferencedDocument*',
    LineTradeDelivery:
      'ram:RequestedQuantity=udt:Quantity? ram:ReceivedQuantity=udt:Quantity? ram:BilledQuantity=udt:Quantity? ram:ChargeFreeQuantity=udt:Quantity? ram:PackageQuantity=udt:Quantity? ram:ProductUnitQuantity=udt:Quantity? ram:PerPackageUnitQuantity=udt:Quantity? ram:NetWeightMeasure=qdt:WeightUnitMeasure? ram:GrossWeightMeasure=qdt:WeightUnitMeasure? ram:TheoreticalWeightMeasure=qdt:WeightUnitMeasure? ram:DespatchedQuantity=udt:Quantity? ram:SpecifiedDeliveryAdjustment=DeliveryAdjustment* ram:IncludedSupplyChainPackaging=SupplyChainPackaging* ram:RelatedSupplyChainConsignment=SupplyChainConsignment? ram:ShipToTradeParty=TradeParty? ram:UltimateShipToTradeParty=TradeParty? ram:ShipFromTradeParty=TradeParty? ram:ActualDespatchSupplyChainEvent=SupplyChainEvent? ram:ActualPickUpSupplyChainEvent=SupplyChainEvent? ram:RequestedDeliverySupplyChainEvent=SupplyChainEvent? ram:ActualDeliverySupplyChainEvent=SupplyChainEvent? ram:ActualReceiptSupplyChainEvent=SupplyChainEvent? ram:AdditionalReferencedDocument=ReferencedDocument* ram:DespatchAdviceReferencedDocument=ReferencedDocument? ram:ReceivingAdviceReferencedDocument=ReferencedDocument? ram:DeliveryNoteReferencedDocument=ReferencedDocument? ram:ConsumptionReportReferencedDocument=ReferencedDocument? ram:PackingListReferencedDocument=ReferencedDocument?',
    LineTradeSettlement:
      'ram:PaymentReference=udt:Text* ram:InvoiceIssuerReference=udt:Text? ram:TotalAdjustmentAmount=udt:Amount? ram:DiscountIndicator=udt:Indicator? ram:ApplicableTradeTax=TradeTax* ram:BillingSpecifiedPeriod=SpecifiedPeriod? ram:SpecifiedTradeAllowanceCharge=TradeAllowanceCharge* ram:SubtotalCalculatedTradeTax=TradeTax* ram:SpecifiedLogisticsServiceCharge=LogisticsServiceCharge* ram:SpecifiedTradePaymentTerms=TradePaymentTerms* ram:SpecifiedTradeSettlementLineMonetarySummation=TradeSettlementLineMonetarySummation? ram:SpecifiedFinancialAdjustment=FinancialAdjustment* ram:InvoiceReferencedDocument=ReferencedDocument? ram:AdditionalReferencedDocument=ReferencedDocument* ram:PayableSpecifiedTradeAccountingAccount=TradeAccountingAccount* ram:ReceivableSpecifiedTradeAccountingAccount=TradeAccountingAccount* ram:PurchaseSpecifiedTradeAccountingAccount=TradeAccountingAccount* ram:SalesSpecifiedTradeAccountingAccount=TradeAccountingAccount* ram:SpecifiedTradeSettlementFinancialCard=TradeSettlementFinancialCard?',
    SubordinateTradeLineItem:
      'ram:ID=udt:ID* ram:SpecifiedReferencedProduct=ReferencedProduct? ram:ApplicableTradeProduct=TradeProduct* ram:SpecifiedSubordinateLineTradeAgreement=SubordinateLineTradeAgreement? ram:SpecifiedSubordinateLineTradeDelivery=SubordinateLineTradeDelivery? ram:SpecifiedSubordinateLineTradeSettlement=SubordinateLineTradeSettlement?',
    TradeDeliveryTerms:
      'ram:DeliveryTypeCode=qdt:DeliveryTermsCode? ram:Description=udt:Text* ram:RelevantTradeLocation=TradeLocation?',
    ReferencedDocument:
      'ram:IssuerAssignedID=udt:ID? ram:URIID=udt:ID? ram:StatusCode=qdt:DocumentStatusCode? ram:CopyIndicator=udt:Indicator? ram:LineID=udt:ID? ram:TypeCode=qdt:DocumentCode? ram:GlobalID=udt:ID? ram:RevisionID=udt:ID? ram:Name=udt:Text* ram:AttachmentBinaryObject=udt:BinaryObject* ram:Information=udt:Text* ram:ReferenceTypeCode=qdt:ReferenceCode? ram:SectionName=udt:Text* ram:PreviousRevisionID=udt:ID* ram:FormattedIssueDateTime=qdt:FormattedDateTime? ram:EffectiveSpecifiedPeriod=SpecifiedPeriod? ram:IssuerTradeParty=TradeParty? ram:AttachedSpecifiedBinaryFile=SpecifiedBinaryFile*',
    ProcuringProject: 'ram:ID=udt:ID ram:Description=udt:Text? ram:Name=udt:Text',
    SupplyChainConsignment:
      'ram:GrossWeightMeasure=qdt:WeightUnitMeasure* ram:NetWeightMeasure=udt:Measure* ram:GrossVolumeMeasure=qdt:VolumeUnitMeasure* ram:InsurancePremiumAmount=udt:Amount? ram:AssociatedInvoiceAmount=udt:Amount* ram:TotalChargeAmount=udt:Amount? ram:DeclaredValueForCustomsAmount=udt:Amount? ram:PackageQuantity=udt:Quantity? ram:ConsignorTradeParty=TradeParty? ram:ConsigneeTradeParty=TradeParty? ram:CarrierTradeParty=TradeParty? ram:FreightForwarderTradeParty=TradeParty? ram:DeliveryTradeParty=TradeParty? ram:CustomsImportAgentTradeParty=TradeParty? ram:CustomsExportAgentTradeParty=TradeParty? ram:GroupingCentreTradeParty=TradeParty* ram:TransportContractReferencedDocument=ReferencedDocument? ram:AssociatedReferencedDocument=ReferencedDocument* ram:IncludedSupplyChainConsignmentItem=SupplyChainConsignmentItem* ram:UtilizedLogisticsTransportEquipment=LogisticsTransportEquipment* ram:SpecifiedLogisticsTransportMovement=LogisticsTransportMovement*',
    SupplyChainEvent:
      'ram:ID=udt:ID? ram:OccurrenceDateTime=udt:DateTime? ram:TypeCode=udt:Code? ram:Description=udt:Text* ram:DescriptionBinaryObject=udt:BinaryObject* ram:UnitQuantity=udt:Quantity? ram:LatestOccurrenceDateTime=udt:DateTime? ram:EarliestOccurrenceDateTime=udt:DateTime? ram:OccurrenceSpecifiedPeriod=SpecifiedPeriod? ram:OccurrenceLogisticsLocation=LogisticsLocation?',
    TradeCurrencyExchange:
      'ram:SourceCurrencyCode=qdt:CurrencyCode ram:SourceUnitBasisNumeric=udt:Numeric? ram:TargetCurrencyCode=qdt:CurrencyCode ram:TargetUnitBaseNumeric=udt:Numeric? ram:MarketID=udt:ID? ram:ConversionRate=udt:Rate ram:ConversionRateDateTime=udt:DateTime? ram:AssociatedReferencedDocument=ReferencedDocument*',
    TradeSettlementPaymentMeans:
      'ram:PaymentChannelCode=qdt:PaymentMeansChannelCode? ram:TypeCode=qdt:PaymentMeansCode? ram:GuaranteeMethodCode=qdt:PaymentGuaranteeMeansCode? ram:PaymentMethodCode=udt:Code? ram:Information=udt:Text* ram:ID=udt:ID* ram:ApplicableTradeSettlementFinancialCard=TradeSettlementFinancialCard? ram:PayerPartyDebtorFinancialAccount=DebtorFinancialAccount? ram:PayeePartyCreditorFinancialAccount=CreditorFinancialAccount? ram:PayerSpecifiedDebtorFinancialInstitution=DebtorFinancialInstitution? ram:PayeeSpecifiedCreditorFinancialInstitution=CreditorFinancialInstitution?',
    TradeTax:
      'ram:CalculatedAmount=udt:Amount* ram:TypeCode=qdt:TaxTypeCode? ram:ExemptionReason=udt:Text? ram:CalculatedRate=udt:Rate? ram:CalculationSequenceNumeric=udt:Numeric? ram:BasisQuantity=udt:Quantity? ram:BasisAmount=udt:Amount* ram:UnitBasisAmount=udt:Amount* ram:LineTotalBasisAmount=udt:Amount* ram:AllowanceChargeBasisAmount=udt:Amount* ram:CategoryCode=qdt:TaxCategoryCode? ram:CurrencyCode=qdt:CurrencyCode? ram:Jurisdiction=udt:Text* ram:CustomsDutyIndicator=udt:Indicator? ram:ExemptionReasonCode=udt:Code? ram:TaxBasisAllowanceRate=udt:Rate? ram:TaxPointDate=udt:Date? ram:Type=udt:Text? ram:InformationAmount=udt:Amount* ram:CategoryName=udt:Text* ram:DueDateTypeCode=qdt:TimeReferenceCode? ram:RateApplicablePercent=udt:Percent? ram:SpecifiedTradeAccountingAccount=TradeAccountingAccount* ram:ServiceSupplyTradeCountry=TradeCountry? ram:BuyerRepayableTaxSpecifiedTradeAccountingAccount=TradeAccountingAccount? ram:SellerPayableTaxSpecifiedTradeAccountingAccount=TradeAccountingAccount? ram:SellerRefundableTaxSpecifiedTradeAccountingAccount=TradeAccountingAccount? ram:BuyerDeductibleTaxSpecifiedTradeAccountingAccount=TradeAccountingAccount? ram:BuyerNonDeductibleTaxSpecifiedTradeAccountingAccount=TradeAccountingAccount? ram:PlaceApplicableTradeLocation=TradeLocation*',
    TradeAllowanceCharge:
      'ram:ChargeIndicator=udt:Indicator? ram:ID=udt:ID? ram:SequenceNumeric=udt:Numeric? ram:CalculationPercent=udt:Percent? ram:BasisAmount=udt:Amount? ram:BasisQuantity=udt:Quantity? ram:PrepaidIndicator=udt:Indicator? ram:ActualAmount=udt:Amount* ram:UnitBasisAmount=udt:Amount? ram:ReasonCode=qdt:AllowanceChargeReasonCode? ram:Reason=udt:Text? ram:TypeCode=qdt:AllowanceChargeIdentificationCode? ram:CategoryTradeTax=TradeTax* ram:ActualTradeCurrencyExchange=TradeCurrencyExchange?',
    LogisticsServiceCharge:
      'ram:ID=qdt:FreightChargeTypeID? ram:Description=udt:Text* ram:PaymentArrangementCode=udt:Code? ram:TariffClassCode=qdt:FreightChargeTariffClassCode? ram:ChargeCategoryCode=udt:Code? ram:ServiceCategoryCode=udt:Code? ram:DisbursementAmount=udt:Amount* ram:AppliedAmount=udt:Amount* ram:AllowanceCharge=udt:Text? ram:PayingPartyRoleCode=qdt:ChargePayingPartyRoleCode? ram:CalculationBasisCode=qdt:LogisticsChargeCalculationBasisCode? ram:CalculationBasis=udt:Text? ram:TransportPaymentMethodCode=udt:Code? ram:PaymentPlaceLogisticsLocation=LogisticsLocation? ram:AppliedFromLogisticsLocation=LogisticsLocation? ram:AppliedToLogisticsLocation=LogisticsLocation? ram:AppliedTradeTax=TradeTax*',
    TradePaymentTerms:
      'ram:ID=qdt:PaymentTermsID? ram:FromEventCode=qdt:PaymentTermsEventTimeReferenceCode? ram:SettlementPeriodMeasure=udt:Measure? ram:Description=udt:Text* ram:DueDateDateTime=udt:DateTime? ram:TypeCode=qdt:PaymentTermsTypeCode? ram:InstructionTypeCode=udt:Code? ram:DirectDebitMandateID=udt:ID* ram:PartialPaymentPercent=udt:Percent? ram:PaymentMeansID=udt:ID* ram:PartialPaymentAmount=udt:Amount* ram:ApplicableTradePaymentPenaltyTerms=TradePaymentPenaltyTerms? ram:ApplicableTradePaymentDiscountTerms=TradePaymentDiscountTerms? ram:PayeeTradeParty=TradeParty*',
    TradeSettlementHeaderMonetarySummation:
      'ram:LineTotalAmount=udt:Amount* ram:ChargeTotalAmount=udt:Amount* ram:AllowanceTotalAmount=udt:Amount* ram:TaxBasisTotalAmount=udt:Amount* ram:TaxTotalAmount=udt:Amount* ram:RoundingAmount=udt:Amount* ram:GrandTotalAmount=udt:Amount* ram:InformationAmount=udt:Amount* ram:TotalPrepaidAmount=udt:Amount* ram:TotalDiscountAmount=udt:Amount* ram:TotalAllowanceChargeAmount=udt:Amount* ram:DuePayableAmount=udt:Amount* ram:RetailValueExcludingTaxInformationAmount=udt:Amount* ram:TotalDepositFeeInformationAmount=udt:Amount* ram:ProductValueExcludingTobaccoTaxInformationAmount=udt:Amount* ram:TotalRetailValueInformationAmount=udt:Amount* ram:GrossLineTotalAmount=udt:Amount* ram:NetLineTotalAmount=udt:Amount* ram:NetIncludingTaxesLineTotalAmount=udt:Amount*',
    FinancialAdjustment:
      'ram:ReasonCode=udt:Code? ram:Reason=udt:Text* ram:ActualAmount=udt:Amount* ram:ActualQuantity=udt:Quantity? ram:ActualDateTime=udt:DateTime? ram:ClaimRelatedTradeParty=TradeParty? ram:InvoiceReferenceReferencedDocument=ReferencedDocument?',
    TradeAccountingAccount:
      'ram:ID=udt:ID ram:SetTriggerCode=qdt:AccountingDocumentCode? ram:TypeCode=qdt:AccountingAccountTypeCode? ram:AmountTypeCode=qdt:AccountingAmountTypeCode? ram:Name=udt:Text? ram:CostReferenceDimensionPattern=udt:Text?',
    TradeSettlementFinancialCard:
      'ram:MicrochipIndicator=udt:Indicator? ram:ID=udt:ID? ram:TypeCode=udt:Code? ram:CardholderName=udt:Text? ram:ExpiryDate=udt:Date? ram:VerificationNumeric=udt:Numeric? ram:ValidFromDateTime=udt:DateTime? ram:CreditLimitAmount=udt:Amount* ram:CreditAvailableAmount=udt:Amount* ram:InterestRatePercent=udt:Percent? ram:IssuingCompanyName=udt:Text? ram:Description=udt:Text?',
    AdvancePayment:
      'ram:PaidAmount=udt:Amount ram:FormattedReceivedDateTime=qdt:FormattedDateTime? ram:IncludedTradeTax=TradeTax*',
    WorkItemComplexDescription:
      'ram:Abstract=udt:Text* ram:Content=udt:Text* ram:ContractualLanguageCode=udt:Code? ram:RequestingSpecificationQuery=SpecificationQuery* ram:RespondingSpecificationResponse=SpecificationResponse* ram:SubsetWorkItemComplexDescription=WorkItemComplexDescription?',
    WorkItemQuantityAnalysis:
      'ram:ID=udt:ID ram:ActualQuantity=udt:Quantity? ram:Description=udt:Text? ram:ActualQuantityPercent=udt:Percent? ram:StatusCode=udt:Code? ram:TypeCode=udt:Code? ram:PrimaryClassificationCode=udt:Code* ram:AlternativeClassificationCode=udt:Code* ram:ContractualLanguageCode=udt:Code? ram:ActualQuantityWorkItemDimension=WorkItemDimension* ram:BreakdownWorkItemQuantityAnalysis=WorkItemQuantityAnalysis* ram:ChangedRecordedStatus=RecordedStatus*',
    AppliedAllowanceCharge:
      'ram:ActualAmount=udt:Amount? ram:Description=udt:Text? ram:ReasonCode=udt:Code? ram:CalculationPercent=udt:Percent? ram:BasisAmount=udt:Amount? ram:ChargeIndicator=udt:Indicator ram:CategoryAppliedTax=AppliedTax?',
    LegalRegistration: 'ram:TypeCode=udt:Code? ram:ID=udt:ID?',
    ContactPerson: 'ram:GivenName=udt:Text? ram:MiddleName=udt:Text? ram:FamilyName=udt:Text?',
    RegisteredTax:
      'ram:TypeCode=udt:Code? ram:ExemptionReasonCode=udt:Code? ram:ExemptionReason=udt:Text* ram:CurrencyCode=udt:Code? ram:Jurisdiction=udt:Text* ram:Description=udt:Text* ram:CustomsDutyIndicator=udt:Indicator?',
    'qdt:FormattedDateTime': 'qdt:DateTimeString=qdt:DateTimeString_1',
    ProductCharacteristic:
      'ram:ID=udt:ID* ram:TypeCode=udt:Code? ram:Description=udt:Text* ram:ValueMeasure=udt:Measure? ram:MeasurementMethodCode=udt:Code? ram:Value=udt:Text* ram:ValueCode=udt:Code? ram:ValueDateTime=udt:DateTime? ram:ValueIndicator=udt:Indicator? ram:ContentTypeCode=udt:Code? ram:ValueSpecifiedBinaryFile=SpecifiedBinaryFile? ram:ApplicableProductCharacteristicCondition=ProductCharacteristicCondition* ram:ApplicableReferencedStandard=ReferencedStandard?',
    MaterialGoodsCharacteristic:
      'ram:Description=udt:Text* ram:TypeCode=udt:Code? ram:ProportionalConstituentPercent=udt:Percent? ram:AbsolutePresenceWeightMeasure=udt:Measure? ram:AbsolutePresenceVolumeMeasure=udt:Measure?',
    ProductClassification:
      'ram:SystemID=udt:ID? ram:SystemName=udt:Text* ram:ClassCode=udt:Code? ram:ClassName=udt:Text* ram:SubClassCode=udt:Code? ram:ClassProductCharacteristic=ProductCharacteristic* ram:ApplicableReferencedStandard=ReferencedStandard?',
    TradeProductInstance:
      'ram:GlobalSerialID=udt:ID? ram:BatchID=udt:ID? ram:KanbanID=udt:ID? ram:SupplierAssignedSerialID=udt:ID? ram:BestBeforeDateTime=udt:DateTime? ram:ExpiryDateTime=udt:DateTime? ram:SellByDateTime=udt:DateTime? ram:SerialID=udt:ID* ram:RegistrationID=udt:ID* ram:ProductionSupplyChainEvent=SupplyChainEvent? ram:PackagingSupplyChainEvent=SupplyChainEvent? ram:ApplicableMaterialGoodsCharacteristic=MaterialGoodsCharacteristic* ram:ApplicableProductCharacteristic=ProductCharacteristic*',
    TradeCountry:
      'ram:ID=qdt:CountryID? ram:Name=udt:Text* ram:SubordinateTradeCountrySubDivision=TradeCountrySubDivision*',
    SpatialDimension:
      'ram:ValueMeasure=udt:Measure? ram:TypeCode=qdt:DimensionTypeCode? ram:Description=udt:Text* ram:WidthMeasure=udt:Measure? ram:LengthMeasure=udt:Measure? ram:HeightMeasure=udt:Measure? ram:ID=udt:ID? ram:DiameterMeasure=qdt:LinearUnitMeasure?',
    ReferencedProduct:
      'ram:ID=udt:ID* ram:GlobalID=udt:ID* ram:SellerAssignedID=udt:ID? ram:BuyerAssignedID=udt:ID? ram:ManufacturerAssignedID=udt:ID* ram:IndustryAssignedID=udt:ID* ram:Name=udt:Text* ram:Description=udt:Text* ram:RelationshipTypeCode=udt:Code* ram:UnitQuantity=udt:Quantity*',
    TradePrice:
      'ram:TypeCode=qdt:PriceTypeCode? ram:ChargeAmount=udt:Amount+ ram:BasisQuantity=udt:Quantity? ram:MinimumQuantity=udt:Quantity? ram:MaximumQuantity=udt:Quantity? ram:ChangeReason=udt:Text* ram:OrderUnitConversionFactorNumeric=udt:Numeric? ram:AppliedTradeAllowanceCharge=TradeAllowanceCharge* ram:ValiditySpecifiedPeriod=SpecifiedPeriod? ram:IncludedTradeTax=TradeTax* ram:DeliveryTradeLocation=TradeLocation* ram:TradeComparisonReferencePrice=ReferencePrice* ram:AssociatedReferencedDocument=ReferencedDocument*',
    SpecifiedMarketplace:
      'ram:ID=udt:ID? ram:Name=udt:Text? ram:VirtualIndicator=udt:Indicator? ram:WebsiteURIID=udt:ID* ram:SalesMethodCode=udt:Code? ram:OrderingAvailablePeriod=AvailablePeriod*',
    DeliveryAdjustment:
      'ram:ReasonCode=qdt:AdjustmentReasonCode? ram:Reason=udt:Text* ram:ActualAmount=udt:Amount* ram:ActualQuantity=udt:Quantity? ram:ActualDateTime=udt:DateTime?',
    SupplyChainPackaging:
      'ram:TypeCode=qdt:PackageTypeCode? ram:Type=udt:Text? ram:Description=udt:Text* ram:ConditionCode=udt:Code? ram:DisposalMethodCode=udt:Code* ram:WeightMeasure=udt:Measure* ram:MaximumStackabilityQuantity=udt:Quantity? ram:MaximumStackabilityWeightMeasure=udt:Measure? ram:CustomerFacingTotalUnitQuantity=udt:Quantity? ram:LayerTotalUnitQuantity=udt:Quantity? ram:ContentLayerQuantity=udt:Quantity? ram:LinearSpatialDimension=SpatialDimension? ram:MinimumLinearSpatialDimension=SpatialDimension? ram:MaximumLinearSpatialDimension=SpatialDimension? ram:SpecifiedPackagingMarking=PackagingMarking* ram:ApplicableMaterialGoodsCharacteristic=MaterialGoodsCharacteristic* ram:ApplicableDisposalInstructions=DisposalInstructions* ram:ApplicableReturnableAssetInstructions=ReturnableAssetInstructions*',
    TradeSettlementLineMonetarySummation:
      'ram:LineTotalAmount=udt:Amount* ram:ChargeTotalAmount=udt:Amount* ram:AllowanceTotalAmount=udt:Amount* ram:TaxBasisTotalAmount=udt:Amount* ram:TaxTotalAmount=udt:Amount* ram:GrandTotalAmount=udt:Amount* ram:InformationAmount=udt:Amount* ram:TotalAllowanceChargeAmount=udt:Amount* ram:TotalRetailValueInformationAmount=udt:Amount* ram:GrossLineTotalAmount=udt:Amount* ram:NetLineTotalAmount=udt:Amount* ram:NetIncludingTaxesLineTotalAmount=udt:Amount* ram:ProductWeightLossInformationAmount=udt:Amount*',
    SubordinateLineTradeAgreement:
      'ram:SellerOrderReferencedDocument=ReferencedDocument? ram:BuyerOrderReferencedDocument=ReferencedDocument? ram:AdditionalReferencedDocument=ReferencedDocument* ram:GrossPriceProductTradePrice=TradePrice? ram:NetPriceProductTradePrice=TradePrice?',
    SubordinateLineTradeDelivery:
      'ram:PackageQuantity=udt:Quantity? ram:ProductUnitQuantity=udt:Quantity? ram:PerPackageUnitQuantity=udt:Quantity? ram:IncludedSupplyChainPackaging=SupplyChainPackaging*',
    SubordinateLineTradeSettlement: 'ram:ApplicableTradeTax=TradeTax?',
    TradeLocation: 'ram:CountryID=qdt:CountryID? ram:CountryName=udt:Text? ram:ID=udt:ID? ram:Name=udt:Text?',
    SupplyChainConsignmentItem:
      'ram:TypeCode=qdt:GoodsTypeCode? ram:TypeExtensionCode=qdt:GoodsTypeExtensionCode? ram:DeclaredValueForCustomsAmount=udt:Amount? ram:DeclaredValueForStatisticsAmount=udt:Amount? ram:InvoiceAmount=udt:Amount* ram:GrossWeightMeasure=qdt:WeightUnitMeasure? ram:NetWeightMeasure=udt:Measure? ram:TariffQuantity=udt:Quantity? ram:NatureIdentificationTransportCargo=TransportCargo?',
    LogisticsTransportEquipment:
      'ram:ID=udt:ID? ram:LoadingLengthMeasure=qdt:LinearUnitMeasure? ram:CategoryCode=qdt:TransportEquipmentCategoryCode? ram:CharacteristicCode=qdt:TransportEquipmentSizeTypeCode? ram:UsedCapacityCode=qdt:TransportEquipmentFullnessCode? ram:LinearSpatialDimension=SpatialDimension?',
    LogisticsTransportMovement:
      'ram:StageCode=qdt:TransportMovementStageCode? ram:ModeCode=qdt:TransportModeCode? ram:Mode=udt:Text? ram:UsedLogisticsTransportMeans=LogisticsTransportMeans?',
    LogisticsLocation:
      'ram:ID=udt:ID? ram:Name=udt:Text* ram:TypeCode=udt:Code? ram:Description=udt:Text* ram:PhysicalGeographicalCoordinate=GeographicalCoordinate? ram:PostalTradeAddress=TradeAddress?',
    DebtorFinancialAccount: 'ram:IBANID=udt:ID? ram:AccountName=udt:Text? ram:ProprietaryID=udt:ID?',
    CreditorFinancialAccount: 'ram:IBANID=udt:ID? ram:AccountName=udt:Text? ram:ProprietaryID=udt:ID?',
    DebtorFinancialInstitution:
      'ram:BICID=udt:ID? ram:ClearingSystemName=udt:Text? ram:CHIPSUniversalID=udt:ID? ram:NewZealandNCCID=udt:ID? ram:IrishNSCID=udt:ID? ram:UKSortCodeID=udt:ID? ram:CHIPSParticipantID=udt:ID? ram:SwissBCID=udt:ID? ram:FedwireRoutingNumberID=udt:ID? ram:PortugueseNCCID=udt:ID? ram:RussianCentralBankID=udt:ID? ram:ItalianDomesticID=udt:ID? ram:AustrianBankleitzahlID=udt:ID? ram:CanadianPaymentsAssociationID=udt:ID? ram:SICID=udt:ID? ram:GermanBankleitzahlID=udt:ID? ram:SpanishDomesticInterbankingID=udt:ID? ram:SouthAfricanNCCID=udt:ID? ram:HongKongBankID=udt:ID? ram:AustralianBSBID=udt:ID? ram:IndianFinancialSystemID=udt:ID? ram:HellenicBankID=udt:ID? ram:PolishNationalClearingID=udt:ID? ram:Name=udt:Text? ram:JapanFinancialInstitutionCommonID=udt:ID? ram:LocationFinancialInstitutionAddress=FinancialInstitutionAddress? ram:SubDivisionBranchFinancialInstitution=BranchFinancialInstitution?',
    CreditorFinancialInstitution:
      'ram:BICID=udt:ID? ram:CHIPSUniversalID=udt:ID? ram:NewZealandNCCID=udt:ID? ram:IrishNSCID=udt:ID? ram:UKSortCodeID=udt:ID? ram:CHIPSParticipantID=udt:ID? ram:SwissBCID=udt:ID? ram:FedwireRoutingNumberID=udt:ID? ram:PortugueseNCCID=udt:ID? ram:RussianCentralBankID=udt:ID? ram:ItalianDomesticID=udt:ID? ram:AustrianBankleitzahlID=udt:ID? ram:CanadianPaymentsAssociationID=udt:ID? ram:SICID=udt:ID? ram:GermanBankleitzahlID=udt:ID? ram:SpanishDomesticInterbankingID=udt:ID? ram:SouthAfricanNCCID=udt:ID? ram:HongKongBankID=udt:ID? ram:AustralianBSBID=udt:ID? ram:IndianFinancialSystemID=udt:ID? ram:HellenicBankID=udt:ID? ram:PolishNationalClearingID=udt:ID? ram:Name=udt:Text? ram:ClearingSystemName=udt:Text? ram:JapanFinancialInstitutionCommonID=udt:ID? ram:LocationFinancialInstitutionAddress=FinancialInstitutionAddress? ram:SubDivisionBranchFinancialInstitution=BranchFinancialInstitution?',
    'udt:Date': '(udt:DateString=udt:DateString_3|udt:Date=xsd:date)',
    TradePaymentPenaltyTerms:
      'ram:BasisDateTime=udt:DateTime? ram:BasisPeriodMeasure=udt:Measure? ram:BasisAmount=udt:Amount? ram:CalculationPercent=udt:Percent? ram:ActualPenaltyAmount=udt:Amount?',
    TradePaymentDiscountTerms:
      'ram:BasisDateTime=udt:DateTime? ram:BasisPeriodMeasure=udt:Measure? ram:BasisAmount=udt:Amount? ram:CalculationPercent=udt:Percent? ram:ActualDiscountAmount=udt:Amount?',
    SpecificationQuery:
      'ram:ID=udt:ID ram:TypeCode=udt:Code? ram:Content=udt:Text ram:ContractualLanguageCode=udt:Code?',
    SpecificationResponse:
      'ram:ID=udt:ID ram:QueryID=udt:ID? ram:TypeCode=udt:Code? ram:Content=udt:Text ram:ContractualLanguageCode=udt:Code?',
    WorkItemDimension:
      'ram:ID=udt:ID? ram:ValueMeasure=udt:Measure ram:Description=udt:Text? ram:TypeCode=udt:Code ram:ContractualLanguageCode=udt:Code? ram:ComponentWorkItemDimension=WorkItemDimension*',
    AppliedTax:
      'ram:CalculatedAmount=udt:Amount? ram:TypeCode=udt:Code? ram:CalculatedRate=udt:Rate? ram:BasisAmount=udt:Amount? ram:TaxPointDate=udt:Date?',
    ProductCharacteristicCondition: 'ram:TypeCode=udt:Code? ram:Name=udt:Text* ram:ValueMeasure=udt:Measure?',
    ReferencedStandard:
      'ram:ID=udt:ID? ram:VersionID=udt:ID? ram:ElementVersionID=udt:ID? ram:URIID=udt:ID? ram:PartID=udt:ID? ram:AgencyID=udt:ID?',
    TradeCountrySubDivision: 'ram:ID=udt:ID? ram:Name=udt:Text*',
    ReferencePrice:
      'ram:ChargeAmount=udt:Amount? ram:BasisQuantity=udt:Quantity* ram:NetPriceIndicator=udt:Indicator* ram:ComparisonMethodCode=udt:Code?',
    AvailablePeriod: 'ram:StartDateTime=udt:DateTime? ram:EndDateTime=udt:DateTime? ram:Description=udt:Text?',
    PackagingMarking:
      'ram:TypeCode=qdt:PackagingMarkingCode* ram:Content=udt:Text* ram:ContentDateTime=udt:DateTime? ram:ContentAmount=udt:Amount* ram:BarcodeTypeCode=udt:Code* ram:ContentCode=udt:Code* ram:AutomaticDataCaptureMethodTypeCode=qdt:AutomaticDataCaptureMethodCode*',
    DisposalInstructions:
      'ram:MaterialID=udt:ID? ram:RecyclingDescriptionCode=udt:Code* ram:Description=udt:Text* ram:RecyclingProcedure=udt:Text*',
    ReturnableAssetInstructions:
      'ram:MaterialID=udt:ID* ram:TermsAndConditionsDescription=udt:Text* ram:TermsAndConditionsDescriptionCode=udt:Code? ram:DepositValueSpecifiedAmount=udt:Amount* ram:DepositValueValiditySpecifiedPeriod=SpecifiedPeriod?',
    TransportCargo:
      'ram:TypeCode=qdt:CargoCategoryCode? ram:Identification=udt:Text? ram:OperationalCategoryCode=qdt:CargoOperationalCategoryCode? ram:StatisticalClassificationCode=qdt:CargoCommodityCategoryCode?',
    LogisticsTransportMeans:
      'ram:TypeCode=qdt:TransportMeansTypeCode? ram:Type=udt:Text? ram:ID=udt:ID? ram:Name=udt:Text? ram:OwnerTradeParty=TradeParty?',
    GeographicalCoordinate:
      'ram:AltitudeMeasure=udt:Measure? ram:LatitudeMeasure=udt:Measure? ram:LongitudeMeasure=udt:Measure? ram:SystemID=udt:ID?',
    FinancialInstitutionAddress:
      'ram:PostcodeCode=udt:Code? ram:BuildingNumber=udt:Text? ram:LineOne=udt:Text? ram:LineTwo=udt:Text? ram:LineThree=udt:Text? ram:LineFour=udt:Text? ram:LineFive=udt:Text? ram:StreetName=udt:Text? ram:CityName=udt:Text? ram:CountrySubDivisionID=udt:ID? ram:CountryID=udt:ID? ram:TypeCode=udt:Code? ram:DepartmentName=udt:Text? ram:PostOfficeBox=udt:Text? ram:CityID=udt:ID? ram:CountrySubDivisionName=udt:Text? ram:CountryName=udt:Text?',
    BranchFinancialInstitution:
      'ram:ID=udt:ID? ram:Name=udt:Text? ram:LocationFinancialInstitutionAddress=FinancialInstitutionAddress?',
  },
};
